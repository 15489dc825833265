-- The shared throttle of one upstream: the rate the pool may use now (AIMD) and a pause.
-- KEYS[1]: the throttle hash
-- ARGV[1]: 'read', 'slow' (multiplicative decrease, and pause) or 'speed' (additive increase)
-- ARGV[2]: configured rate (ceiling)   ARGV[3]: lowest rate (floor)
-- ARGV[4]: factor for 'slow', step for 'speed'   ARGV[5]: least ms between two rate changes
-- ARGV[6]: for 'slow', ms to pause the upstream for (0: no pause)
-- Returns {rate as text, version of the rate, paused until (ms), now (ms)}, all by Redis's clock.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'rate', 'version', 'pausedUntil', 'changedAt')
local ceiling = tonumber(ARGV[2])
local rate = tonumber(state[1]) or ceiling
local version = tonumber(state[2]) or 0
local pausedUntil = tonumber(state[3]) or 0
local changedAt = tonumber(state[4]) or 0
local changed = false
if rate > ceiling then
  rate = ceiling
  version = version + 1
  changed = true
end
if ARGV[1] == 'slow' then
  local pause = tonumber(ARGV[6])
  if pause > 0 and now + pause > pausedUntil then
    pausedUntil = now + pause
    changed = true
  end
  local lower = math.max(tonumber(ARGV[3]), rate * tonumber(ARGV[4]))
  if lower < rate and now - changedAt >= tonumber(ARGV[5]) then
    rate = lower
    version = version + 1
    changedAt = now
    changed = true
  end
elseif ARGV[1] == 'speed' then
  if rate < ceiling and now - changedAt >= tonumber(ARGV[5]) then
    rate = math.min(ceiling, rate + tonumber(ARGV[4]))
    version = version + 1
    changedAt = now
    changed = true
  end
end
if changed then
  redis.call('HSET', KEYS[1], 'rate', tostring(rate), 'version', version,
    'pausedUntil', pausedUntil, 'changedAt', changedAt)
  redis.call('PEXPIRE', KEYS[1], 86400000)
end
return {tostring(rate), version, pausedUntil, now}
