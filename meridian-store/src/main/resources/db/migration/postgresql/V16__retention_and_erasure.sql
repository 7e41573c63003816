-- Retention and erasure (issue 14, item 5). Kept in step with sqlite/V16__retention_and_erasure.sql: the same
-- tenant columns and erasure table; only PostgreSQL partitions the request log.

-- A tenant's own retention, in milliseconds; NULL follows storage.requestLog.retention / bodyRetention.
ALTER TABLE tenants ADD COLUMN retention_request_log_ms BIGINT;
ALTER TABLE tenants ADD COLUMN retention_bodies_ms BIGINT;

-- Erasures whose request-log records may still be in flight (in a replica's write-behind journal): the retention
-- job applies each again, to records of requests made before erased_at, until recheck_until, then deletes the row.
-- The audit log keeps the fact of the erasure; this row keeps the subject's id only for that window.
CREATE TABLE subject_erasures (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL,
  subject_type   TEXT NOT NULL CHECK (subject_type IN ('user', 'key')),
  subject_id     TEXT NOT NULL,
  erased_at      BIGINT NOT NULL,
  recheck_until  BIGINT NOT NULL
);

-- request_log becomes a table partitioned by RANGE (ts), one partition per calendar month (UTC), named
-- request_log_pYYYYMM, and a default partition for any other time, so no insert is ever refused. The retention job
-- creates partitions ahead and drops whole partitions older than the longest retention in force; shorter
-- per-tenant retentions delete through (tenant_id, ts) within the old partitions only.
--
-- A unique constraint of a partitioned table must contain the partition key, so the primary key becomes
-- (request_id, ts). A journal replay carries the record's own ts, so ON CONFLICT (request_id, ts) DO NOTHING keeps
-- replays idempotent. request_body can no longer reference request_log (request_id is not unique on its own): the
-- foreign key goes, and the retention job and erasure delete bodies before the rows they belong to.
--
-- LIKE copies every column as it is, whatever migrations before this one added (V14's included), with defaults,
-- NOT NULL and CHECK constraints; the indexes are created again below.
ALTER TABLE request_body DROP CONSTRAINT IF EXISTS request_body_request_id_fkey;
ALTER TABLE request_log RENAME TO request_log_unpartitioned;
CREATE TABLE request_log (LIKE request_log_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)
  PARTITION BY RANGE (ts);
ALTER TABLE request_log ADD PRIMARY KEY (request_id, ts);
CREATE TABLE request_log_default PARTITION OF request_log DEFAULT;

DO $$
DECLARE
  m TIMESTAMP;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', to_timestamp(ts / 1000.0) AT TIME ZONE 'UTC') FROM request_log_unpartitioned
    UNION
    SELECT date_trunc('month', now() AT TIME ZONE 'UTC')
    UNION
    SELECT date_trunc('month', now() AT TIME ZONE 'UTC') + INTERVAL '1 month'
  LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF request_log FOR VALUES FROM (%s) TO (%s)',
      'request_log_p' || to_char(m, 'YYYYMM'),
      (extract(epoch FROM m) * 1000)::BIGINT,
      (extract(epoch FROM m + INTERVAL '1 month') * 1000)::BIGINT);
  END LOOP;
END
$$;

INSERT INTO request_log SELECT * FROM request_log_unpartitioned;
DROP TABLE request_log_unpartitioned;

-- The same four indexes as before (V1), now on every partition.
CREATE INDEX request_log_tenant_ts ON request_log (tenant_id, ts DESC, request_id DESC);
CREATE INDEX request_log_tenant_key_ts ON request_log (tenant_id, key_id, ts DESC);
CREATE INDEX request_log_tenant_model_ts ON request_log (tenant_id, model_asked, ts DESC);
CREATE INDEX request_log_ts ON request_log (ts);
