-- Emails are unique within a tenant, no longer across the platform; see postgresql/V2__user_email_per_tenant.sql.
-- SQLite cannot drop a column's UNIQUE constraint, so the table is rebuilt. Flyway runs this in a transaction, where
-- PRAGMA foreign_keys cannot be switched off: dropping the old table would set api_keys.user_id to NULL
-- (ON DELETE SET NULL), so the owners are saved first and put back afterwards.
CREATE TABLE users_v2 (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT REFERENCES tenants (id) ON DELETE CASCADE,   -- NULL only for the platform super-admin
  team_id     TEXT REFERENCES teams (id) ON DELETE SET NULL,
  email       TEXT NOT NULL,                                      -- stored lower-case
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('ADMIN', 'DEVELOPER', 'VIEWER', 'BILLING')),
  super_admin INTEGER NOT NULL,
  created_at  BIGINT NOT NULL,
  CHECK (super_admin OR tenant_id IS NOT NULL)
);
INSERT INTO users_v2 (id, tenant_id, team_id, email, name, role, super_admin, created_at)
  SELECT id, tenant_id, team_id, email, name, role, super_admin, created_at FROM users;

CREATE TABLE migration_v2_key_owners (key_id TEXT PRIMARY KEY, user_id TEXT NOT NULL);
INSERT INTO migration_v2_key_owners (key_id, user_id) SELECT id, user_id FROM api_keys WHERE user_id IS NOT NULL;

DROP TABLE users;
ALTER TABLE users_v2 RENAME TO users;
CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, email) WHERE tenant_id IS NOT NULL;
CREATE UNIQUE INDEX users_platform_email ON users (email) WHERE tenant_id IS NULL;

UPDATE api_keys SET user_id = (SELECT o.user_id FROM migration_v2_key_owners o WHERE o.key_id = api_keys.id)
  WHERE id IN (SELECT key_id FROM migration_v2_key_owners);
DROP TABLE migration_v2_key_owners;
