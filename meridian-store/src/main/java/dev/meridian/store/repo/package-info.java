/**
 * Repositories over the store's tables, one per entity. Every method blocks on JDBC and is safe to call from many
 * threads at once; each method is one transaction. Arguments are non-null unless documented otherwise; lookups
 * return {@link java.util.Optional} rather than null. Failures are the unchecked
 * {@link dev.meridian.store.repo.StoreException}, or {@link dev.meridian.store.repo.DuplicateException} for a broken
 * uniqueness rule. Obtain the repositories from {@link dev.meridian.store.Database}.
 */
package dev.meridian.store.repo;
