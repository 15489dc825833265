-- Removes an archived dead letter and its index entry. KEYS[1]: dead-letter key; KEYS[2]: index
-- key; ARGV[1]: id. Returns 1 if it existed.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[1])
