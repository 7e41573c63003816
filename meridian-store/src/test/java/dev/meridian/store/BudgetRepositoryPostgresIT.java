package dev.meridian.store;

class BudgetRepositoryPostgresIT extends BudgetRepositoryContract {
    BudgetRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
