/**
 * The stored entities as immutable records and enums: tenants with their plan and quota, teams, users with roles and
 * permissions, virtual API keys, audit entries and request-log records.
 *
 * <p>Values only: no I/O, safe to share between threads. Fields are non-null unless their record says otherwise.
 * Instants are kept to millisecond precision by the store.
 */
package dev.meridian.store.model;
