package dev.meridian.store;

class PlanRepositoryPostgresIT extends PlanRepositoryContract {
    PlanRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
