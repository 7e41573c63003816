-- Reserves every claim of one call, or none (see RedisLimits for the layout of KEYS and ARGV).
-- KEYS[2i-1], KEYS[2i]: claim i's window hash {spent, reserved} and its reservations ZSET (member
-- "call:i:amount", score: expiry in ms), or the rate hash {level, at} twice.
-- ARGV[1] call id, ARGV[2] hold ms; per claim i: ARGV[4i-1] kind (w|r), ARGV[4i] amount, ARGV[4i+1] limit,
-- ARGV[4i+2] the window's key expiry (epoch ms, 0: never).
-- Replies {1, a1, b1, a2, b2...} (window: remaining, 0; rate: remaining, reset ms), {0, i, wait ms or -1,
-- remaining} when claim i has no room, or {2, i...} when claim i's window has no counter yet (seed it first).
-- Numbers written back go through string.format('%d') or are ARGV strings: never Lua's %.14g.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local call = ARGV[1]
local hold = tonumber(ARGV[2])
local n = #KEYS / 2

local missing = {}
for i = 1, n do
  if ARGV[4 * i - 1] == 'w' and redis.call('EXISTS', KEYS[2 * i - 1]) == 0 then
    missing[#missing + 1] = i
  end
end
if #missing > 0 then
  table.insert(missing, 1, 2)
  return missing
end

local function release_expired(h, z)
  local gone = redis.call('ZRANGEBYSCORE', z, '-inf', string.format('%d', now))
  if #gone > 0 then
    local total = 0
    for _, m in ipairs(gone) do
      total = total + tonumber(string.match(m, ':(%d+)$'))
    end
    redis.call('HINCRBY', h, 'reserved', string.format('%d', -total))
    redis.call('ZREMRANGEBYSCORE', z, '-inf', string.format('%d', now))
  end
end

-- A bucket's level in thousandths, refilled to now; a bucket without a key is full.
local function level_of(h, cap)
  local v = redis.call('HMGET', h, 'level', 'at')
  local capm = cap * 1000
  if not v[1] then
    return capm
  end
  local level, at = tonumber(v[1]), tonumber(v[2])
  if now > at then
    return math.min(capm, level + math.floor((now - at) * cap / 60))
  end
  return math.min(capm, level)
end

local function store_level(h, level)
  redis.call('HSET', h, 'level', string.format('%d', level), 'at', string.format('%d', now))
  redis.call('PEXPIRE', h, 120000)
end

local function undo(upto)
  for j = 1, upto do
    local h, z, amount = KEYS[2 * j - 1], KEYS[2 * j], ARGV[4 * j]
    if ARGV[4 * j - 1] == 'w' then
      redis.call('HINCRBY', h, 'reserved', string.format('%d', -tonumber(amount)))
      redis.call('ZREM', z, call .. ':' .. j .. ':' .. amount)
    else
      local cap = tonumber(ARGV[4 * j + 1])
      store_level(h, math.min(cap * 1000, level_of(h, cap) + math.min(tonumber(amount), cap) * 1000))
    end
  end
end

local reply = {1}
for i = 1, n do
  local h, z = KEYS[2 * i - 1], KEYS[2 * i]
  local kind, amount, limit = ARGV[4 * i - 1], tonumber(ARGV[4 * i]), tonumber(ARGV[4 * i + 1])
  if kind == 'w' then
    release_expired(h, z)
    local v = redis.call('HMGET', h, 'spent', 'reserved')
    local used = (tonumber(v[1]) or 0) + (tonumber(v[2]) or 0)
    if amount > limit - used then
      undo(i - 1)
      return {0, i, -1, math.max(0, limit - used)}
    end
    redis.call('HINCRBY', h, 'reserved', ARGV[4 * i])
    redis.call('ZADD', z, string.format('%d', now + hold), call .. ':' .. i .. ':' .. ARGV[4 * i])
    local expire = tonumber(ARGV[4 * i + 2])
    if expire > 0 then
      redis.call('PEXPIREAT', z, ARGV[4 * i + 2])
    end
    reply[#reply + 1] = limit - used - amount
    reply[#reply + 1] = 0
  else
    if limit <= 0 then
      undo(i - 1)
      return {0, i, 60000, 0}
    end
    local level = level_of(h, limit)
    local take = math.min(amount, limit) * 1000
    if level < take then
      undo(i - 1)
      return {0, i, math.max(1, math.ceil((take - level) * 60 / limit)), math.max(0, math.floor(level / 1000))}
    end
    level = level - take
    store_level(h, level)
    reply[#reply + 1] = math.max(0, math.floor(level / 1000))
    reply[#reply + 1] = math.max(0, math.ceil((limit * 1000 - level) * 60 / limit))
  end
end
return reply
