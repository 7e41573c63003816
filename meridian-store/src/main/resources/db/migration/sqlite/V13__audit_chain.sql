-- Tamper evidence for the audit log: every entry carries its place in one chain (chain_seq), the hash of the entry
-- before it (prev_hash) and its own hash, SHA-256 over prev_hash and the entry's canonical content (entry_hash).
-- Rows written before this migration are chained by the gateway at its next start (AuditRepository.chainUnchained).
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain_seq);

-- The chain's head: its length and last hash. Appends update this one row first, which takes SQLite's single write
-- lock before anything is read, and the head lets verification notice a truncated tail.
CREATE TABLE audit_chain (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  length    BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  -- The entries written before this migration: the only unchained ones the gateway may chain later. Any other
  -- unchained entry was written around the gateway, and verification reports it.
  legacy_max_id BIGINT NOT NULL
);
INSERT INTO audit_chain (id, length, head_hash, legacy_max_id) SELECT 1, 0, '', COALESCE(MAX(id), 0) FROM audit_log;

-- Still append-only, with one exception: an entry not yet chained may be given its chain fields, once.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.entry_hash IS NOT NULL OR NEW.entry_hash IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.ts IS NOT OLD.ts OR NEW.actor IS NOT OLD.actor
  OR NEW.tenant_id IS NOT OLD.tenant_id OR NEW.action IS NOT OLD.action OR NEW.target_type IS NOT OLD.target_type
  OR NEW.target_id IS NOT OLD.target_id OR NEW.before_json IS NOT OLD.before_json
  OR NEW.after_json IS NOT OLD.after_json OR NEW.source_ip IS NOT OLD.source_ip
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
