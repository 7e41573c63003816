-- Responses stored by the Responses API (POST /v1/responses with store, the default), per owner, for GET and DELETE
-- /v1/responses/{id} and for previous_response_id. Kept in step with postgresql/V12__responses.sql.
--
-- The owner is the caller's tenant, or config:<key name> for a key from the configuration file (which has no
-- tenant): another owner's id is not found. No foreign key to tenants: a deleted tenant's rows expire like others.
-- A row is readable until expires_at (created_at plus storage.responses.retention at the time it was stored); an
-- hourly sweep deletes the expired ones through responses_expires.
CREATE TABLE responses (
  owner       TEXT NOT NULL,
  id          TEXT NOT NULL,          -- resp_..., as the caller knows it
  key_id      TEXT,                   -- the virtual key that created it; NULL for configured keys
  model       TEXT NOT NULL,          -- the model that answered
  created_at  BIGINT NOT NULL,        -- ms
  expires_at  BIGINT NOT NULL,        -- ms
  response    TEXT NOT NULL,          -- the response object as its caller received it (JSON)
  items       TEXT NOT NULL,          -- the conversation up to and including its output items (JSON array)
  PRIMARY KEY (owner, id)
);
CREATE INDEX responses_expires ON responses (expires_at);
