-- Model groups set through the admin API (PUT /admin/v1/config/models/{name}), laid over the configuration file's
-- models.<name> on every replica. Kept in step with postgresql/V19__config_overlay.sql.
--
-- document is the JSON of the group exactly as it would be written under models.<name> in the YAML file; the gateway
-- validates the whole resulting configuration before it stores one. Changes bump store_change, so every replica
-- reloads within its change poll. Deleting a row lets the file's models.<name> (if any) apply again.
CREATE TABLE config_overlay (
  section    TEXT NOT NULL,
  name       TEXT NOT NULL,
  document   TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT,
  PRIMARY KEY (section, name)
);
