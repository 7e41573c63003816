package dev.meridian.store;

class ResponseRepositoryPostgresIT extends ResponseRepositoryContract {
    ResponseRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
