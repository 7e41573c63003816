package dev.meridian.store;

class AlertOutboxRepositoryPostgresIT extends AlertOutboxRepositoryContract {
    AlertOutboxRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
