-- Moves a ticket regardless of event rank, if its status is one of the given ones: for moves that
-- are no worker's event (a poison job failed by the broker, an operator's retry).
-- KEYS[1]: ticket key
-- ARGV[1]: statuses the ticket may be in, as ",A,B,C,"
-- ARGV[2]: how many field names to delete follow; then those names; then field, value, ... to set
-- Returns 1 moved, -1 not in one of those statuses, 0 no such ticket.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 0
end
if not string.find(ARGV[1], ',' .. status .. ',', 1, true) then
  return -1
end
local deletes = tonumber(ARGV[2])
if deletes > 0 then
  redis.call('HDEL', KEYS[1], unpack(ARGV, 3, 2 + deletes))
end
redis.call('HSET', KEYS[1], unpack(ARGV, 3 + deletes))
return 1
