-- Archives a dead letter and indexes it by when it died, in one step.
-- KEYS[1]: dead-letter key; KEYS[2]: index key; ARGV[1]: id; ARGV[2]: score (ms); ARGV[3..]: fields
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
return 1
