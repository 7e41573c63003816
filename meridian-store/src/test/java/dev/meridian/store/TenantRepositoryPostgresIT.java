package dev.meridian.store;

class TenantRepositoryPostgresIT extends TenantRepositoryContract {
    TenantRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
