-- Kept in step with sqlite/V3__request_log_one_tenant_index.sql, which drops SQLite's key and model indexes of the
-- request log and widens its tenant index, because there the gateway's writer thread maintains every index itself.
-- Nothing changes here: on PostgreSQL the database server maintains the indexes (the gateway's share of a write is
-- the COPY, 4-5 µs per record whatever the indexes), and the (tenant_id, key_id, ts) and (tenant_id, model_asked, ts)
-- indexes keep filtered pages at a fraction of a millisecond at 10M rows (docs/benchmarks.md).
SELECT 1;
