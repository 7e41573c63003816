package dev.meridian.store;

class UserRepositorySqliteTest extends UserRepositoryContract {
    UserRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
