package dev.meridian.store;

class SuggestionRepositoryPostgresIT extends SuggestionRepositoryContract {
    SuggestionRepositoryPostgresIT() {
        super(new PostgresBackend());
    }
}
