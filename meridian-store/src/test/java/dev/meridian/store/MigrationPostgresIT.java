package dev.meridian.store;

class MigrationPostgresIT extends MigrationContract {
    MigrationPostgresIT() {
        super(new PostgresBackend());
    }
}
