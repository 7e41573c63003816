package dev.meridian.store;

import dev.meridian.store.repo.Dialect;

/**
 * Where the store lives.
 *
 * @param url null for the embedded SQLite file {@code <MERIDIAN_HOME or ./data>/meridian.db}; a
 *     {@code jdbc:sqlite:<file>} URL for SQLite elsewhere; a {@code jdbc:postgresql://...} URL for PostgreSQL
 * @param username PostgreSQL user, or null (ignored for SQLite)
 * @param password PostgreSQL password, or null (ignored for SQLite)
 * @param maxPoolSize most connections the pool keeps open, at least 1
 */
public record DatabaseConfig(String url, String username, String password, int maxPoolSize) {

    public static final int DEFAULT_POOL_SIZE = 8;

    public DatabaseConfig {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
        if (url != null && Dialect.fromUrl(url) == null) {
            throw new IllegalArgumentException(
                    "storage URL must start with jdbc:sqlite: or jdbc:postgresql:, was " + url);
        }
    }

    /** The embedded default: SQLite under MERIDIAN_HOME. */
    public static DatabaseConfig embedded() {
        return new DatabaseConfig(null, null, null, DEFAULT_POOL_SIZE);
    }

    public Dialect dialect() {
        return url == null ? Dialect.SQLITE : Dialect.fromUrl(url);
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", username=" + username + ", password="
                + (password == null ? null : "***") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
