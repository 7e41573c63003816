-- Volume discounts (issue 11, item 8). Kept in step with sqlite/V8__request_log_billed_cost.sql. V7 is the plans'.
--
-- What a request was billed after its tenant's volume discount; cost_usd stays its list cost, which budgets and plan
-- quotas count. NULL for rows written before this version: reports read NULL as the list cost (no discount then).
ALTER TABLE request_log ADD COLUMN billed_cost_usd DOUBLE PRECISION;
-- The tenant's own discount tiers as a JSON array of {"from_tokens", "percent"} in ascending order; NULL means the
-- gateway's configured default (pricing.volumeDiscounts), [] means no discount at any volume.
ALTER TABLE tenants ADD COLUMN volume_discounts TEXT;
