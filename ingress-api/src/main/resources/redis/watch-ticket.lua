-- Reads a ticket for a long poll and, if it belongs to the client asking, marks it watched, in one
-- step: from then on a worker's final event for it is announced on the final channel
-- (apply-event.lua announces only watched tickets), and if the event came first, the ticket read
-- here is already final. Either way the poll hears of it.
-- KEYS[1]: ticket key
-- ARGV[1]: the client asking
-- ARGV[2]: the owner of a ticket stored without a client id (TicketStore.ANONYMOUS)
-- Returns the ticket's fields as HGETALL does, empty if there is no ticket; nothing is written for
-- a missing ticket or another client's.
local fields = redis.call('HGETALL', KEYS[1])
if #fields == 0 then
  return fields
end
if (redis.call('HGET', KEYS[1], 'clientId') or ARGV[2]) == ARGV[1] then
  redis.call('HSET', KEYS[1], 'watched', '1')
end
return fields
