-- Stores a new ticket and its expiry in one step, and claims its idempotency key if it has one.
-- KEYS[1]: ticket key; KEYS[2] (optional): idempotency key
-- ARGV[1]: ticket time to live in ms; ARGV[2]: idempotency key time to live in ms
-- ARGV[3]: idempotency record "fingerprint ticketId"; ARGV[4..]: field, value, field, value, ...
-- Returns '' when created, or the record of the key's earlier claim (and then stores nothing).
if KEYS[2] then
  local earlier = redis.call('GET', KEYS[2])
  if earlier then
    return earlier
  end
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[2])
end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return ''
