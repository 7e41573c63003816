-- A window's {1, spent, reserved} after releasing expired reservations, {2} when it has no counter; a rate's
-- {1, level in thousandths}. KEYS[1] hash, KEYS[2] ZSET (the hash again for a rate); ARGV[1] kind, ARGV[2] limit.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] == 'w' then
  if redis.call('EXISTS', KEYS[1]) == 0 then
    return {2}
  end
  local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', string.format('%d', now))
  if #gone > 0 then
    local total = 0
    for _, m in ipairs(gone) do
      total = total + tonumber(string.match(m, ':(%d+)$'))
    end
    redis.call('HINCRBY', KEYS[1], 'reserved', string.format('%d', -total))
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', string.format('%d', now))
  end
  local v = redis.call('HMGET', KEYS[1], 'spent', 'reserved')
  return {1, tonumber(v[1]) or 0, tonumber(v[2]) or 0}
end
local cap = tonumber(ARGV[2])
local v = redis.call('HMGET', KEYS[1], 'level', 'at')
if not v[1] then
  return {1, cap * 1000}
end
local level = tonumber(v[1])
if now > tonumber(v[2]) then
  level = level + math.floor((now - tonumber(v[2])) * cap / 60)
end
return {1, math.min(cap * 1000, level)}
