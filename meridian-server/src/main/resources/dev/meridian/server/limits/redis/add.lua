-- Reconciliation: adds what a replica spent on its local counters while Redis was unreachable to the windows that
-- still exist (a window without a counter is seeded from the request log, which holds that spend already).
-- KEYS[i] a window hash, ARGV[i] the amount. Replies how many windows it added to.
local added = 0
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('HINCRBY', KEYS[i], 'spent', ARGV[i])
    added = added + 1
  end
end
return added
