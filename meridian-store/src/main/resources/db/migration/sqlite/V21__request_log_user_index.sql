-- Kept in step with postgresql/V21__request_log_user_index.sql, which adds a partial index on the request log's
-- user for erasure and export by user. Nothing changes here: on SQLite the gateway's writer thread maintains every
-- index itself, and that index cost 8-10 µs more per record of a user's key at 20k records/s (13 -> 22 µs, the
-- requestlog benchmark; docs/benchmarks.md), to speed up an operation as rare as a GDPR request. An erasure or
-- export by user here walks the tenant's entries of request_log_tenant_ts once.
SELECT 1;
