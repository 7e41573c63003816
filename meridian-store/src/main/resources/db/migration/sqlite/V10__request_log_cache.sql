-- What the response cache did for each request (hit, miss, bypass, refresh, stored; null when the model group is
-- not cached) and, for a hit, what the answer had cost upstream: the saving that usage reports add up. A hit's own
-- cost_usd is 0. (V7 to V9 are other features' migrations.)
ALTER TABLE request_log ADD COLUMN cache_status VARCHAR(16);
ALTER TABLE request_log ADD COLUMN cache_saved_usd REAL;
