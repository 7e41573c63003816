-- A tenant's own PII settings, set through the admin API (PUT /admin/v1/tenants/{id}/pii). Kept in step with
-- postgresql/V17__tenant_pii.sql.
--
-- settings is the JSON of the same fields as pii.tenants.<id> in the configuration (enabled, defaultAction,
-- actions, reversible, patterns), validated by the gateway when set. A row replaces the configuration file's
-- pii.tenants.<id> for that tenant; its absence means the file's settings (or the gateway's pii defaults) apply.
-- Changes bump store_change, so every replica reloads the settings within its change poll.
CREATE TABLE tenant_pii (
  tenant_id  TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  settings   TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
