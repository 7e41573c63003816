-- Plans become rows (issue 11, items 5 and 6); kept in step with sqlite/V7__plans_and_rate_limits.sql, which
-- explains the model lists and the override rule: a NULL quota or rate column of a tenant follows its plan.
CREATE TABLE plans (
  name                   TEXT PRIMARY KEY,
  monthly_tokens         BIGINT NOT NULL CHECK (monthly_tokens >= 0),
  monthly_cost_limit_usd DOUBLE PRECISION NOT NULL CHECK (monthly_cost_limit_usd >= 0),
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
   (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT),
  ('professional', 10000000, 1000.0, 600, NULL,
   '["gpt-*","o*-mini","claude-haiku-*","claude-sonnet-*","gemini-*","deepseek-*","text-embedding-*","demo-*"]',
   (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT),
  ('enterprise', 100000000, 10000.0, 6000, NULL, '["*"]',
   (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT, (EXTRACT(EPOCH FROM now()) * 1000)::BIGINT);

CREATE TABLE migration_v7_old_defaults (
  plan                    TEXT PRIMARY KEY,
  new_plan                TEXT NOT NULL,
  monthly_tokens          BIGINT NOT NULL,
  monthly_cost_limit_usd  DOUBLE PRECISION NOT NULL,
  max_requests_per_minute INTEGER NOT NULL,
  available_models        TEXT NOT NULL
);
INSERT INTO migration_v7_old_defaults VALUES
  ('BASIC', 'basic', 1000000, 100.0, 60, '["gpt-3.5-turbo","gemini-pro"]'),
  ('PROFESSIONAL', 'professional', 10000000, 1000.0, 600,
   '["gpt-3.5-turbo","gpt-4-turbo","claude-3-haiku","gemini-pro"]'),
  ('ENTERPRISE', 'enterprise', 100000000, 10000.0, 6000, '["*"]'),
  ('CUSTOM', 'enterprise', 100000000, 10000.0, 6000, '["*"]');

ALTER TABLE tenants DROP CONSTRAINT IF EXISTS tenants_plan_check;
ALTER TABLE tenants
  ALTER COLUMN monthly_tokens DROP NOT NULL,
  ALTER COLUMN monthly_cost_limit_usd DROP NOT NULL,
  ALTER COLUMN available_models DROP NOT NULL,
  ADD COLUMN rpm_limit BIGINT CHECK (rpm_limit >= 0),
  ADD COLUMN tpm_limit BIGINT CHECK (tpm_limit >= 0),
  ADD CHECK (monthly_tokens >= 0),
  ADD CHECK (monthly_cost_limit_usd >= 0);

UPDATE tenants t SET
  plan = o.new_plan,
  monthly_tokens = NULLIF(t.monthly_tokens, o.monthly_tokens),
  monthly_cost_limit_usd = NULLIF(t.monthly_cost_limit_usd, o.monthly_cost_limit_usd),
  available_models = NULLIF(t.available_models, o.available_models),
  rpm_limit = NULLIF(t.max_requests_per_minute, o.max_requests_per_minute)
FROM migration_v7_old_defaults o WHERE o.plan = t.plan;
DROP TABLE migration_v7_old_defaults;

ALTER TABLE tenants DROP COLUMN max_requests_per_minute;
ALTER TABLE tenants ADD CONSTRAINT tenants_plan_fkey FOREIGN KEY (plan) REFERENCES plans (name);
CREATE INDEX tenants_plan ON tenants (plan);

ALTER TABLE api_keys
  ADD COLUMN rpm_limit BIGINT CHECK (rpm_limit >= 0),
  ADD COLUMN tpm_limit BIGINT CHECK (tpm_limit >= 0);
