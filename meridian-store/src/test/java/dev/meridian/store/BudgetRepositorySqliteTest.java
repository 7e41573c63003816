package dev.meridian.store;

class BudgetRepositorySqliteTest extends BudgetRepositoryContract {
    BudgetRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
