package dev.meridian.store;

class RequestLogRepositorySqliteTest extends RequestLogRepositoryContract {
    RequestLogRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
