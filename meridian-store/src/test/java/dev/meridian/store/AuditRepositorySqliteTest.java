package dev.meridian.store;

class AuditRepositorySqliteTest extends AuditRepositoryContract {
    AuditRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
