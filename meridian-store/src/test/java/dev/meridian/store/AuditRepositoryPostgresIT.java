package dev.meridian.store;

class AuditRepositoryPostgresIT extends AuditRepositoryContract {
    AuditRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
