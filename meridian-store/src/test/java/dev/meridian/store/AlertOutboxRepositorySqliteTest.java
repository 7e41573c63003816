package dev.meridian.store;

class AlertOutboxRepositorySqliteTest extends AlertOutboxRepositoryContract {
    AlertOutboxRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
