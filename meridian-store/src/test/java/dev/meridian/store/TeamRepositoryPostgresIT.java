package dev.meridian.store;

class TeamRepositoryPostgresIT extends TeamRepositoryContract {
    TeamRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
