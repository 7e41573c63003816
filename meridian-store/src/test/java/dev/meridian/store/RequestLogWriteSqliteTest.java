package dev.meridian.store;

class RequestLogWriteSqliteTest extends RequestLogWriteContract {
    RequestLogWriteSqliteTest() {
        super(new SqliteBackend());
    }
}
