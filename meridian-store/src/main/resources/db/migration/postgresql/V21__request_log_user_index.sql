-- Erasure and export by user (POST /admin/v1/tenants/{id}/erasure with user_id, and the article-15 export) find the
-- subject's rows through this index instead of walking all of the tenant's rows, which on a large PostgreSQL
-- deployment would hold an admin call for minutes. Partial: rows without a user (keys that belong to no user, the
-- configuration's keys) are not in it, and "user_id = ?" implies the predicate. The database server maintains it:
-- 3-6 µs of its CPU per record of a user's key (the requestlog benchmark), none of the gateway's. SQLite's V21 is
-- an empty step (sqlite/V21__request_log_user_index.sql says why).
--
-- Expand-only: older code never reads it and its inserts maintain it, so schema_compat.oldest_code stays. The build
-- holds a SHARE lock on request_log: replicas still running the old build wait with their log writes (their
-- journals hold the records) until it ends; see docs/operations.md, "Upgrades with zero downtime". It is the
-- migration the rolling-upgrade test (RollingUpgradeIT) runs the previous release's jar against.
CREATE INDEX request_log_tenant_user_ts ON request_log (tenant_id, user_id, ts DESC, request_id DESC)
  WHERE user_id IS NOT NULL;
