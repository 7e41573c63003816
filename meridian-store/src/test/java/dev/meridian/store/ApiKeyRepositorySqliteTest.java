package dev.meridian.store;

class ApiKeyRepositorySqliteTest extends ApiKeyRepositoryContract {
    ApiKeyRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
