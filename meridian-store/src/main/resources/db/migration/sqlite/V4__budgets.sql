-- Budgets per tenant, team, user or key (issue 11, item 3). Kept in step with the other dialect's V4__budgets.sql.
-- scope_id names a tenant, team, user or key of the same tenant; it has no foreign key because it names one of four
-- tables, and the admin API checks it when the budget is written. A budget of a deleted team, user or key stays,
-- matching nothing, until it is deleted.
-- One budget per (tenant, scope, scope_id, period): two would be two limits on the same money.
-- Spend is not stored here: it is the request log's cost_usd in the period, summed at start and counted in memory.
CREATE TABLE budgets (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  scope        TEXT NOT NULL CHECK (scope IN ('TENANT', 'TEAM', 'USER', 'KEY')),
  scope_id     TEXT NOT NULL,
  period       TEXT NOT NULL CHECK (period IN ('DAY', 'WEEK', 'MONTH', 'TOTAL')),
  time_zone    TEXT NOT NULL DEFAULT 'UTC',              -- IANA zone the periods are aligned in
  limit_usd    REAL NOT NULL CHECK (limit_usd >= 0),
  on_exceed    TEXT NOT NULL CHECK (on_exceed IN ('REJECT', 'DOWNGRADE')),
  downgrade_to TEXT,                                      -- a model group; required for DOWNGRADE
  alert_at     TEXT NOT NULL DEFAULT '[0.5,0.8,0.95]',   -- JSON array of fractions in (0, 1]
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  UNIQUE (tenant_id, scope, scope_id, period),
  CHECK (on_exceed = 'REJECT' OR downgrade_to IS NOT NULL)
);
