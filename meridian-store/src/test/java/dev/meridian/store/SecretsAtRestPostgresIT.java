package dev.meridian.store;

class SecretsAtRestPostgresIT extends SecretsAtRestContract {
    SecretsAtRestPostgresIT() {
        super(new PostgresBackend());
    }
}
