package dev.meridian.store;

class SuggestionRepositorySqliteTest extends SuggestionRepositoryContract {
    SuggestionRepositorySqliteTest() {
        super(new SqliteBackend());
    }
}
