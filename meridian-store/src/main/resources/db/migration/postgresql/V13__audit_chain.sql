-- Tamper evidence for the audit log: every entry carries its place in one chain (chain_seq), the hash of the entry
-- before it (prev_hash) and its own hash, SHA-256 over prev_hash and the entry's canonical content (entry_hash).
-- Rows written before this migration are chained by the gateway at its next start (AuditRepository.chainUnchained).
ALTER TABLE audit_log ADD COLUMN chain_seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN entry_hash TEXT;
CREATE UNIQUE INDEX audit_log_chain_seq ON audit_log (chain_seq);

-- The chain's head: its length and last hash. Appends lock this one row (UPDATE ... RETURNING), which serialises
-- them across every replica sharing the database, and the head lets verification notice a truncated tail.
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
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.entry_hash IS NULL AND NEW.entry_hash IS NOT NULL
     AND ROW(NEW.id, NEW.ts, NEW.actor, NEW.tenant_id, NEW.action, NEW.target_type, NEW.target_id,
             NEW.before_json, NEW.after_json, NEW.source_ip)
         IS NOT DISTINCT FROM
         ROW(OLD.id, OLD.ts, OLD.actor, OLD.tenant_id, OLD.action, OLD.target_type, OLD.target_id,
             OLD.before_json, OLD.after_json, OLD.source_ip) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
