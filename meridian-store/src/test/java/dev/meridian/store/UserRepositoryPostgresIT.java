package dev.meridian.store;

class UserRepositoryPostgresIT extends UserRepositoryContract {
    UserRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
