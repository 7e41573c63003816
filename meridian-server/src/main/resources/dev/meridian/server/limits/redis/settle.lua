-- Ends one call: per claim, gives back its reservation (a window's only if its ZSET entry is still there, so an
-- expired or flushed reservation is never given back twice) and counts what it used.
-- KEYS as in reserve.lua. ARGV[1] call id; per claim i: ARGV[4i-2] kind (w|r|n: skip), ARGV[4i-1] reserved,
-- ARGV[4i] used, ARGV[4i+1] limit.
-- Replies each window's spend before this call's use (0 for rates, and for a window whose counter is gone:
-- its spend is in the request log, which seeds it again).
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local call = ARGV[1]
local n = #KEYS / 2
local before = {}
for i = 1, n do
  local h, z = KEYS[2 * i - 1], KEYS[2 * i]
  local kind, reserved, used = ARGV[4 * i - 2], ARGV[4 * i - 1], ARGV[4 * i]
  before[i] = 0
  if kind == 'w' then
    if redis.call('EXISTS', h) == 1 then
      if redis.call('ZREM', z, call .. ':' .. i .. ':' .. reserved) == 1 then
        redis.call('HINCRBY', h, 'reserved', string.format('%d', -tonumber(reserved)))
      end
      local spent = redis.call('HINCRBY', h, 'spent', used)
      before[i] = spent - tonumber(used)
    end
  elseif kind == 'r' then
    local cap = tonumber(ARGV[4 * i + 1])
    local capm = cap * 1000
    local v = redis.call('HMGET', h, 'level', 'at')
    local level = capm
    if v[1] then
      level = tonumber(v[1])
      if now > tonumber(v[2]) then
        level = level + math.floor((now - tonumber(v[2])) * cap / 60)
      end
    end
    level = math.min(capm, level + math.min(tonumber(reserved), cap) * 1000 - math.max(0, tonumber(used)) * 1000)
    redis.call('HSET', h, 'level', string.format('%d', level), 'at', string.format('%d', now))
    redis.call('PEXPIRE', h, 120000)
  end
end
return before
