package dev.meridian.store;

class MigrationSqliteTest extends MigrationContract {
    MigrationSqliteTest() {
        super(new SqliteBackend());
    }
}
