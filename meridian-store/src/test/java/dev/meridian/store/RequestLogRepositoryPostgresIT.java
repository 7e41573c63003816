package dev.meridian.store;

class RequestLogRepositoryPostgresIT extends RequestLogRepositoryContract {
    RequestLogRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
