-- Secrets at rest (issue 14, items 3 and 8). Kept in step with postgresql/V15__secrets_at_rest.sql.
-- V14 and V16 belong to the compliance report and to retention.
--
-- Provider credentials set through the admin API. The credential is always an envelope
-- (mk1:<key id>:<base64 of nonce, ciphertext and tag>, AES-256-GCM under MERIDIAN_MASTER_KEY): the admin API refuses
-- to store one without a master key. A row here overrides the configuration's apiKey of that provider on every
-- replica (the store_change version moves with each change).
CREATE TABLE provider_credential (
  provider    TEXT PRIMARY KEY,        -- the provider's name in the configuration
  api_key     TEXT NOT NULL,           -- an envelope, never the credential in the clear
  updated_at  BIGINT NOT NULL,         -- ms
  updated_by  TEXT                     -- the admin who set it (a user id or "admin-key")
);

-- Every master key id that has sealed a value in this database and may still have values under it. Written in the
-- same transaction as the first envelope under a key, removed by the re-encryption job once no value is left under
-- it. A start that cannot open one of these ids stops (item 8): encrypted data exists that it could not read.
CREATE TABLE master_key_use (
  key_id         TEXT PRIMARY KEY,     -- 8 hex digits of SHA-256 over a domain string and the key
  first_used_at  BIGINT NOT NULL       -- ms
);
