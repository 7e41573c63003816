package dev.meridian.store;

class RequestLogWritePostgresIT extends RequestLogWriteContract {
    RequestLogWritePostgresIT() {
        super(new PostgresBackend());
    }
}
