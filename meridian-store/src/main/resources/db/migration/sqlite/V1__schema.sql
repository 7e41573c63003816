-- Meridian schema, version 1, SQLite.
-- Kept in step with postgresql/V1__schema.sql: the same tables, columns, constraints and indexes. Only the
-- types differ where the dialects do (INTEGER 0/1 vs BOOLEAN, REAL vs DOUBLE PRECISION (both 8-byte
-- floats), AUTOINCREMENT vs an identity column, a trigger body vs a PL/pgSQL function).
-- Every instant is a BIGINT of milliseconds since the epoch (UTC) on both dialects, so comparisons, ordering and the
-- keyset cursors behave identically everywhere.

CREATE TABLE tenants (
  id                      TEXT PRIMARY KEY,
  name                    TEXT NOT NULL UNIQUE,
  status                  TEXT NOT NULL CHECK (status IN ('TRIAL', 'ACTIVE', 'SUSPENDED', 'EXPIRED')),
  plan                    TEXT NOT NULL CHECK (plan IN ('BASIC', 'PROFESSIONAL', 'ENTERPRISE', 'CUSTOM')),
  monthly_tokens          BIGINT NOT NULL,
  monthly_cost_limit_usd  REAL NOT NULL,
  max_requests_per_minute INTEGER NOT NULL,
  available_models        TEXT NOT NULL,          -- JSON array of model names; ["*"] = every model
  trial_ends_at           BIGINT,
  store_bodies            INTEGER NOT NULL,
  residency_rule          TEXT,
  created_at              BIGINT NOT NULL,
  updated_at              BIGINT NOT NULL
);

CREATE TABLE teams (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (tenant_id, name)
);

CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT REFERENCES tenants (id) ON DELETE CASCADE,   -- NULL only for the platform super-admin
  team_id     TEXT REFERENCES teams (id) ON DELETE SET NULL,
  email       TEXT NOT NULL UNIQUE,                               -- stored lower-case
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('ADMIN', 'DEVELOPER', 'VIEWER', 'BILLING')),
  super_admin INTEGER NOT NULL,
  created_at  BIGINT NOT NULL,
  CHECK (super_admin OR tenant_id IS NOT NULL)
);
CREATE INDEX users_tenant ON users (tenant_id);

CREATE TABLE api_keys (
  id                   TEXT PRIMARY KEY,
  tenant_id            TEXT REFERENCES tenants (id) ON DELETE CASCADE,  -- NULL for platform admin tokens
  team_id              TEXT REFERENCES teams (id) ON DELETE SET NULL,
  user_id              TEXT REFERENCES users (id) ON DELETE SET NULL,
  name                 TEXT NOT NULL,
  prefix               TEXT NOT NULL,                -- first 12 characters of the secret, safe to show
  secret_hash          TEXT NOT NULL UNIQUE,         -- SHA-256 hex of the secret; the secret is never stored
  previous_secret_hash TEXT,                         -- the secret before the last rotation ...
  previous_valid_until BIGINT,                       -- ... accepted until this instant
  expires_at           BIGINT,
  allowed_models       TEXT NOT NULL,                -- JSON array; [] = whatever the tenant may use
  metadata             TEXT NOT NULL,                -- JSON object of strings
  kind                 TEXT NOT NULL CHECK (kind IN ('CALLER', 'ADMIN_TOKEN')),
  status               TEXT NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
  created_at           BIGINT NOT NULL,
  revoked_at           BIGINT
);
-- Authentication looks a key up by either hash; secret_hash is indexed by its UNIQUE constraint.
CREATE INDEX api_keys_previous_hash ON api_keys (previous_secret_hash);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at);

-- One row, bumped in the same transaction as every change to keys, users and tenants. Replicas poll it to drop
-- cached keys and principals: one primary-key read instead of scanning the tables.
CREATE TABLE store_change (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO store_change (id, version) VALUES (1, 0);

-- Admin actions. No foreign key to tenants: the record of what happened must outlive what it happened to.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  ts          BIGINT NOT NULL,
  actor       TEXT NOT NULL,
  tenant_id   TEXT,
  action      TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  source_ip   TEXT
);
-- Listings are per tenant (or platform-wide) newest first, paged by id; ts serves time-range reads.
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id DESC);
CREATE INDEX audit_log_ts ON audit_log (ts);

-- Append only, enforced by the database as well as by the code.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- One row per request. The request id is the primary key, which is what makes journal replays idempotent
-- (INSERT ... ON CONFLICT (request_id) DO NOTHING). No foreign keys: rows arrive in write-behind batches, possibly
-- after the tenant or key changed, and the log must keep what happened.
CREATE TABLE request_log (
  request_id       TEXT PRIMARY KEY,
  ts               BIGINT NOT NULL,
  tenant_id        TEXT,                 -- NULL when the request never authenticated
  key_id           TEXT,
  user_id          TEXT,
  model_asked      TEXT,
  model_served     TEXT,
  deployment       TEXT,
  provider         TEXT,
  region           TEXT,
  status           INTEGER NOT NULL,
  error_code       TEXT,
  total_ms         REAL NOT NULL,
  upstream_ms      REAL,
  ttft_ms          REAL,
  input_tokens     BIGINT NOT NULL,
  output_tokens    BIGINT NOT NULL,
  cached_tokens    BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL,
  cost_usd         REAL,
  cache_hit        INTEGER NOT NULL,
  attempts         INTEGER NOT NULL,
  fallbacks        INTEGER NOT NULL
);
-- Why these indexes, for tens of millions of rows:
--  * Every console and API read is one tenant's log, newest first, paged by the keyset (ts, request_id).
--    (tenant_id, ts DESC, request_id DESC) matches that ORDER BY exactly, so a page is an index range scan that
--    stops after LIMIT rows, however deep the page, with no sort.
--  * The two common filters, "this key" and "this model", get their own (tenant_id, <filter>, ts DESC) indexes, so
--    a filtered page does not walk the tenant's whole history to find matching rows. Other filters (status, time
--    range) are applied on top of one of these; they are either cheap (time bounds the range) or rare.
--  * (ts) serves platform-wide reads by a super-admin and time-based retention (DELETE ... WHERE ts < ?).
--  * request_id needs nothing more: the primary key covers get(id) and the idempotent insert.
-- Each index slows inserts a little; the write-behind journal writes in batches, so four is affordable.
CREATE INDEX request_log_tenant_ts ON request_log (tenant_id, ts DESC, request_id DESC);
CREATE INDEX request_log_tenant_key_ts ON request_log (tenant_id, key_id, ts DESC);
CREATE INDEX request_log_tenant_model_ts ON request_log (tenant_id, model_asked, ts DESC);
CREATE INDEX request_log_ts ON request_log (ts);

-- Prompt and completion, kept only for tenants that store bodies. A side table keeps request_log rows narrow, so
-- listings and aggregates read far fewer pages.
CREATE TABLE request_body (
  request_id TEXT PRIMARY KEY REFERENCES request_log (request_id) ON DELETE CASCADE,
  prompt     TEXT,
  completion TEXT
);
