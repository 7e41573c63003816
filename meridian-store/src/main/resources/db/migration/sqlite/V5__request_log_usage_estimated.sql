-- Whether the gateway counted a request's usage itself (a stream cut before the provider reported it): its tokens
-- and cost are estimates. (V3 and V4 are the request log's indexes and budgets.)
ALTER TABLE request_log ADD COLUMN usage_estimated INTEGER NOT NULL DEFAULT 0;
