-- A fingerprint of each request's prompt, so the suggestions report (GET /admin/v1/tenants/{id}/suggestions) can
-- count repeated identical prompts without storing bodies: the first 8 bytes of the SHA-256 of the request body as
-- the caller sent it, as a signed 64-bit integer. NULL for records written before this column, and for requests
-- that had no body. No index: the report scans one tenant's time range through request_log_tenant_ts and groups
-- there, and every index costs each write. Kept in step with sqlite/V9__request_log_prompt_fingerprint.sql.
-- (V7 and V8 belong to parallel changes.)
ALTER TABLE request_log ADD COLUMN prompt_fingerprint BIGINT;
