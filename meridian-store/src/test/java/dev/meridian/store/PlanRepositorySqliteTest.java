package dev.meridian.store;

class PlanRepositorySqliteTest extends PlanRepositoryContract {
    PlanRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
