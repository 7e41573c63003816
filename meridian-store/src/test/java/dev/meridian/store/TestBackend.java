package dev.meridian.store;

/** A database server the contract tests run against; each {@link #newDatabase()} is empty and private to a caller. */
public interface TestBackend extends AutoCloseable {
    /** A fresh, empty database (SQLite file or PostgreSQL schema), dropped by {@link #close()}. */
    DatabaseConfig newDatabase();

    @Override
    void close();
}
