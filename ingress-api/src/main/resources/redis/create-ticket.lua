-- Stores a new ticket and its expiry in one step.
-- KEYS[1]: ticket key; ARGV[1]: time to live in ms; ARGV[2..]: field, value, field, value, ...
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
