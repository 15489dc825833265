-- Marks a ticket's webhook as queued, once. KEYS[1]: ticket key; ARGV[1]: the flag's field;
-- ARGV[2]: the callback URL's field. Returns 1 if this call set the flag, 0 otherwise (already
-- set, no callback, or no ticket).
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then
  return 0
end
return redis.call('HSETNX', KEYS[1], ARGV[1], '1')
