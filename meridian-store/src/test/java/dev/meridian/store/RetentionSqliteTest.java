package dev.meridian.store;

class RetentionSqliteTest extends RetentionContract {
    RetentionSqliteTest() {
        super(new SqliteBackend());
    }
}
