-- The request log's write cost on SQLite (issue 10; measured in docs/benchmarks.md, "the SQLite request log's write
-- cost (2026-12-03, second session)"). On SQLite the writer pays for every index itself, on the gateway's CPU, and an
-- index whose key starts with (tenant, key) or (tenant, model) is written at one place per key or per model: with
-- 2,000 keys and 1,600 tenant-model pairs a commit rewrites thousands of leaf pages to the WAL and checkpoints them.
-- Those two indexes cost 9 and 6 µs of the writer's 26 µs per record; the tenant index 4; the primary key and
-- (ts), which grow only at their ends, under 1 each.
--
-- So the key and model filters no longer have indexes of their own. The tenant index carries key_id, model_asked
-- and status after its sort columns: a filtered page walks the tenant's entries newest first, tests the filters on
-- the index entry, and reads the table only for rows it returns. A filter that matches one row in a thousand walks
-- a thousand entries per row returned (0.1-0.3 µs each); one that matches nothing walks the tenant's whole history
-- unless a time range bounds it. That is the trade: see the benchmark's read table.
--
-- Unchanged: request_id stays the primary key (get by id, request_body's foreign key, and the idempotent insert
-- ON CONFLICT (request_id) DO NOTHING that makes journal replays harmless); (ts) serves platform-wide reads and
-- time-based retention. PostgreSQL keeps all four indexes: there the database server maintains them, not the
-- gateway's writer thread.
DROP INDEX request_log_tenant_key_ts;
DROP INDEX request_log_tenant_model_ts;
DROP INDEX request_log_tenant_ts;
CREATE INDEX request_log_tenant_ts ON request_log (tenant_id, ts DESC, request_id DESC, key_id, model_asked, status);
