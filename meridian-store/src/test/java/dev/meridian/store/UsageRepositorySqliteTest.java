package dev.meridian.store;

class UsageRepositorySqliteTest extends UsageRepositoryContract {
    UsageRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
