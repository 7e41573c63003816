/**
 * Meridian's relational storage: {@link dev.meridian.store.Database} opens SQLite or PostgreSQL through HikariCP,
 * migrates the schema with Flyway and hands out the repositories of {@code dev.meridian.store.repo}.
 *
 * <p>Everything here blocks on JDBC: call it from worker threads, never from an event loop. Arguments are non-null
 * unless a method says otherwise. Database failures surface as the unchecked
 * {@link dev.meridian.store.repo.StoreException}.
 */
package dev.meridian.store;
