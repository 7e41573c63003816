package dev.meridian.store;

class RetentionPostgresIT extends RetentionContract {
    RetentionPostgresIT() {
        super(new PostgresBackend());
    }
}
