-- Stores a new ticket and its expiry in one step; claims its idempotency key and counts it
-- against its client's cap on pending tickets, if those apply.
-- KEYS[1]: ticket key; KEYS[2]: idempotency key or ''; KEYS[3]: the client's pending set or ''
-- ARGV[1]: ticket time to live in ms; ARGV[2]: idempotency key time to live in ms
-- ARGV[3]: idempotency record "fingerprint ticketId", to which the script adds the second (Redis's
-- clock) from which the submit publishes its job; ARGV[4]: the client's pending cap
-- ARGV[5]: now in ms; ARGV[6]: creation time (ms) before which pending entries have expired
-- ARGV[7]: the ticket id; ARGV[8..]: field, value, field, value, ...
-- Returns '' when created; 'pending-limit' when the cap is reached; otherwise the record of the
-- key's earlier claim. In both refusals nothing is stored.
if KEYS[2] ~= '' then
  local earlier = redis.call('GET', KEYS[2])
  if earlier then
    return earlier
  end
end
if KEYS[3] ~= '' then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[6])
  if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then
    return 'pending-limit'
  end
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[7])
  redis.call('PEXPIRE', KEYS[3], ARGV[1])
end
if KEYS[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[3] .. ' ' .. redis.call('TIME')[1], 'PX', ARGV[2])
end
redis.call('HSET', KEYS[1], unpack(ARGV, 8))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return ''
