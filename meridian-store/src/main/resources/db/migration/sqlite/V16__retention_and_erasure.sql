-- Retention and erasure (issue 14, item 5). Kept in step with postgresql/V16__retention_and_erasure.sql, which also
-- partitions request_log by month; SQLite keeps plain tables and the retention job deletes through
-- request_log_tenant_ts, in bounded batches.

-- A tenant's own retention, in milliseconds; NULL follows storage.requestLog.retention / bodyRetention.
ALTER TABLE tenants ADD COLUMN retention_request_log_ms BIGINT;
ALTER TABLE tenants ADD COLUMN retention_bodies_ms BIGINT;

-- Erasures whose request-log records may still be in flight (in a replica's write-behind journal): the retention
-- job applies each again, to records of requests made before erased_at, until recheck_until, then deletes the row.
CREATE TABLE subject_erasures (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL,
  subject_type   TEXT NOT NULL CHECK (subject_type IN ('user', 'key')),
  subject_id     TEXT NOT NULL,
  erased_at      BIGINT NOT NULL,
  recheck_until  BIGINT NOT NULL
);
