package dev.meridian.store;

class ApiKeyRepositoryPostgresIT extends ApiKeyRepositoryContract {
    ApiKeyRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
