package dev.meridian.store;

class ResponseRepositorySqliteTest extends ResponseRepositoryContract {
    ResponseRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
