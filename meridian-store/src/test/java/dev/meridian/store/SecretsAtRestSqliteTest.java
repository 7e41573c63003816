package dev.meridian.store;

class SecretsAtRestSqliteTest extends SecretsAtRestContract {
    SecretsAtRestSqliteTest() {
        super(new SqliteBackend());
    }
}
