package dev.meridian.store;

class TeamRepositorySqliteTest extends TeamRepositoryContract {
    TeamRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
