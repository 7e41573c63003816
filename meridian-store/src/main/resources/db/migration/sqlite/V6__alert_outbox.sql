-- Alerts waiting to be delivered, and those delivered (issue 11, item 4). Kept in step with postgresql/V6__alert_outbox.sql.
-- V3 and V4 belong to the request-log and budget changes, V5 is reserved.
--
-- One row per alert and channel. The dedupe key (the channel's name, then the caller's key, such as
-- budget:<id>:<periodStart>:<fraction>) is UNIQUE, so INSERT ... ON CONFLICT DO NOTHING queues an alert once however
-- many replicas raise it. A replica claims a due row by moving next_attempt_at forward only if it still holds the value
-- it read, so two replicas never send the same row at the same time.
-- No foreign key to tenants: an alert about a tenant must still go out (and its record stay) if the tenant is deleted.
CREATE TABLE alert_outbox (
  id              TEXT PRIMARY KEY,
  dedupe_key      TEXT NOT NULL UNIQUE,
  channel         TEXT NOT NULL,
  tenant_id       TEXT,                   -- NULL for platform alerts (a test alert)
  payload         TEXT NOT NULL,          -- the alert as JSON; rendered per channel type when sent
  attempts        INTEGER NOT NULL,       -- failed attempts so far
  next_attempt_at BIGINT NOT NULL,        -- due from this instant (ms), or leased until it while being sent
  delivered_at    BIGINT,                 -- NULL until delivered
  last_error      TEXT,
  created_at      BIGINT NOT NULL
);
-- The dispatcher's scan: undelivered rows by due time. Delivered rows, the bulk over time, are not in this index.
CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at) WHERE delivered_at IS NULL;
-- The admin listing, newest first.
CREATE INDEX alert_outbox_created ON alert_outbox (created_at DESC, id DESC);
