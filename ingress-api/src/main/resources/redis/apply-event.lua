-- Applies a worker's event to a ticket only if it moves the ticket forward.
-- KEYS[1]: ticket key
-- ARGV[1]: statuses the ticket may be in, as ",A,B,C," (from TicketStatus.sourcesOf)
-- ARGV[2]: the event's rank (TicketStatus.rank); it must be higher than the ticket's
-- ARGV[3..]: field, value, field, value, ... to set
-- Returns 1 applied, -1 stale or illegal (ignored), 0 no such ticket.
local current = redis.call('HMGET', KEYS[1], 'status', 'rank')
if not current[1] then
  return 0
end
if not string.find(ARGV[1], ',' .. current[1] .. ',', 1, true) then
  return -1
end
if tonumber(ARGV[2]) <= tonumber(current[2]) then
  return -1
end
redis.call('HSET', KEYS[1], 'rank', ARGV[2], unpack(ARGV, 3))
return 1
