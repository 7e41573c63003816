-- Plans become rows (issue 11, items 5 and 6); kept in step with postgresql/V7__plans_and_rate_limits.sql.
--
-- A plan holds the defaults of its tenants: monthly tokens, a monthly cost limit, a request rate, an optional token
-- rate, and the public model names (or *-patterns) it includes. A tenant names its plan and overrides any of these
-- only where it has its own value: a NULL column follows the plan, so a change to a plan reaches every tenant on it
-- that has not negotiated that term. Rate limits of a key (rpm_limit, tpm_limit on api_keys) are the key's own;
-- NULL means the key has none beyond its tenant's.
--
-- The seed's numbers stay; its model lists named models retired since (gpt-3.5-turbo, gemini-pro, gpt-4-turbo,
-- claude-3-haiku), which would lock every tenant out of every current model. The tiers are kept as patterns over
-- today's public names instead (docs/admin-api.md, "Plans"): basic the economy models, professional the general
-- models without the premium reasoning and Opus tier, enterprise everything.
CREATE TABLE plans (
  name                   TEXT PRIMARY KEY,
  monthly_tokens         BIGINT NOT NULL CHECK (monthly_tokens >= 0),
  monthly_cost_limit_usd REAL NOT NULL CHECK (monthly_cost_limit_usd >= 0),
  requests_per_minute    BIGINT NOT NULL CHECK (requests_per_minute >= 0),
  tokens_per_minute      BIGINT CHECK (tokens_per_minute >= 0),   -- NULL: no token rate
  models                 TEXT NOT NULL,                           -- JSON array of names and *-patterns
  created_at             BIGINT NOT NULL,
  updated_at             BIGINT NOT NULL
);
INSERT INTO plans (name, monthly_tokens, monthly_cost_limit_usd, requests_per_minute, tokens_per_minute, models,
                   created_at, updated_at) VALUES
  ('basic', 1000000, 100.0, 60, NULL,
   '["gpt-*-mini","gpt-*-nano","gemini-*-flash","gemini-*-flash-lite","deepseek-chat","text-embedding-*","gemini-embedding-*","demo-*"]',
   CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000),
  ('professional', 10000000, 1000.0, 600, NULL,
   '["gpt-*","o*-mini","claude-haiku-*","claude-sonnet-*","gemini-*","deepseek-*","text-embedding-*","demo-*"]',
   CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000),
  ('enterprise', 100000000, 10000.0, 6000, NULL, '["*"]',
   CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

-- What version 1 copied onto every tenant of each plan. A tenant whose value equals its old plan's default never
-- chose it: it follows the plan from now on (NULL). CUSTOM, "negotiated terms starting from enterprise", becomes
-- enterprise with its own values kept as overrides.
CREATE TABLE migration_v7_old_defaults (
  plan                   TEXT PRIMARY KEY,
  new_plan               TEXT NOT NULL,
  monthly_tokens         BIGINT NOT NULL,
  monthly_cost_limit_usd REAL NOT NULL,
  max_requests_per_minute INTEGER NOT NULL,
  available_models       TEXT NOT NULL
);
INSERT INTO migration_v7_old_defaults VALUES
  ('BASIC', 'basic', 1000000, 100.0, 60, '["gpt-3.5-turbo","gemini-pro"]'),
  ('PROFESSIONAL', 'professional', 10000000, 1000.0, 600,
   '["gpt-3.5-turbo","gpt-4-turbo","claude-3-haiku","gemini-pro"]'),
  ('ENTERPRISE', 'enterprise', 100000000, 10000.0, 6000, '["*"]'),
  ('CUSTOM', 'enterprise', 100000000, 10000.0, 6000, '["*"]');

-- SQLite cannot change a column's type, nullability or constraints in place, and rebuilding tenants would cascade
-- into every table that references it (foreign keys stay on inside Flyway's transaction). So each changed column is
-- added anew, filled, the old one dropped and the new one renamed. SQLite cannot add a NOT NULL column with a
-- foreign key, so plan's NOT NULL is held by the two triggers below.
ALTER TABLE tenants ADD COLUMN plan_v7 TEXT REFERENCES plans (name);
ALTER TABLE tenants ADD COLUMN monthly_tokens_v7 BIGINT CHECK (monthly_tokens_v7 >= 0);
ALTER TABLE tenants ADD COLUMN monthly_cost_limit_usd_v7 REAL CHECK (monthly_cost_limit_usd_v7 >= 0);
ALTER TABLE tenants ADD COLUMN available_models_v7 TEXT;
ALTER TABLE tenants ADD COLUMN rpm_limit BIGINT CHECK (rpm_limit >= 0);   -- NULL: the plan's requests_per_minute
ALTER TABLE tenants ADD COLUMN tpm_limit BIGINT CHECK (tpm_limit >= 0);   -- NULL: the plan's tokens_per_minute

UPDATE tenants SET
  plan_v7 = (SELECT o.new_plan FROM migration_v7_old_defaults o WHERE o.plan = tenants.plan),
  monthly_tokens_v7 = NULLIF(monthly_tokens,
      (SELECT o.monthly_tokens FROM migration_v7_old_defaults o WHERE o.plan = tenants.plan)),
  monthly_cost_limit_usd_v7 = NULLIF(monthly_cost_limit_usd,
      (SELECT o.monthly_cost_limit_usd FROM migration_v7_old_defaults o WHERE o.plan = tenants.plan)),
  available_models_v7 = NULLIF(available_models,
      (SELECT o.available_models FROM migration_v7_old_defaults o WHERE o.plan = tenants.plan)),
  rpm_limit = NULLIF(max_requests_per_minute,
      (SELECT o.max_requests_per_minute FROM migration_v7_old_defaults o WHERE o.plan = tenants.plan));
DROP TABLE migration_v7_old_defaults;

ALTER TABLE tenants DROP COLUMN plan;
ALTER TABLE tenants DROP COLUMN monthly_tokens;
ALTER TABLE tenants DROP COLUMN monthly_cost_limit_usd;
ALTER TABLE tenants DROP COLUMN available_models;
ALTER TABLE tenants DROP COLUMN max_requests_per_minute;
ALTER TABLE tenants RENAME COLUMN plan_v7 TO plan;
ALTER TABLE tenants RENAME COLUMN monthly_tokens_v7 TO monthly_tokens;          -- NULL: the plan's
ALTER TABLE tenants RENAME COLUMN monthly_cost_limit_usd_v7 TO monthly_cost_limit_usd;   -- NULL: the plan's
ALTER TABLE tenants RENAME COLUMN available_models_v7 TO available_models;      -- NULL: the plan's models
CREATE INDEX tenants_plan ON tenants (plan);

CREATE TRIGGER tenants_plan_required_on_insert BEFORE INSERT ON tenants WHEN NEW.plan IS NULL
BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: tenants.plan');
END;
CREATE TRIGGER tenants_plan_required_on_update BEFORE UPDATE OF plan ON tenants WHEN NEW.plan IS NULL
BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: tenants.plan');
END;

ALTER TABLE api_keys ADD COLUMN rpm_limit BIGINT CHECK (rpm_limit >= 0);   -- the key's own; NULL: none
ALTER TABLE api_keys ADD COLUMN tpm_limit BIGINT CHECK (tpm_limit >= 0);   -- the key's own; NULL: none
