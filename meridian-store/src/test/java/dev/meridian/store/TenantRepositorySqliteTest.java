package dev.meridian.store;

class TenantRepositorySqliteTest extends TenantRepositoryContract {
    TenantRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
