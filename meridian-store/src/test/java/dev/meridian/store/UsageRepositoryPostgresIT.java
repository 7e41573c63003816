package dev.meridian.store;

class UsageRepositoryPostgresIT extends UsageRepositoryContract {
    UsageRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
