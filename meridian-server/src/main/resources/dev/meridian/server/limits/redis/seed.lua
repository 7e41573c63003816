-- Starts a window's counter at the spend read from the request log, unless another replica did first.
-- KEYS[1] the window hash, KEYS[2] its reservations ZSET (stale entries of a lost hash are dropped with it).
-- ARGV[1] spent, ARGV[2] the key's expiry (epoch ms, 0: never). Replies 1 when it seeded, 0 when the key was there.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'spent', ARGV[1], 'reserved', '0')
if tonumber(ARGV[2]) > 0 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
end
return 1
