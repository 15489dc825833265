-- Applies a worker's event to a ticket only if it moves the ticket forward. For a final event it
-- also announces the ticket on the final channel if a long poll watches it (watch-ticket.lua), and
-- tells whether its webhook is still to be queued, even when the event is a duplicate (what
-- follows a final status must happen at least once): one round trip instead of three. Unwatched
-- tickets, nearly all of them, are not announced: every ingress replica would receive each one.
-- KEYS[1]: ticket key
-- ARGV[1]: statuses the ticket may be in, as ",A,B,C," (from TicketStatus.sourcesOf)
-- ARGV[2]: the event's rank (TicketStatus.rank); it must be higher than the ticket's
-- ARGV[3]: the channel to announce a watched ticket on when the event is final; empty when not final
-- ARGV[4]: the ticket id, the announcement
-- ARGV[5..]: field, value, field, value, ... to set
-- Returns {outcome, webhook}: outcome 1 applied, -1 stale or illegal (ignored), 0 no such ticket;
-- webhook 1 when the event is final and the ticket has a webhook not queued yet, else 0.
local current = redis.call('HMGET', KEYS[1], 'status', 'rank', 'callbackUrl', 'callbackQueued',
  'watched')
if not current[1] then
  return {0, 0}
end
local outcome = -1
if string.find(ARGV[1], ',' .. current[1] .. ',', 1, true)
    and tonumber(ARGV[2]) > tonumber(current[2]) then
  redis.call('HSET', KEYS[1], 'rank', ARGV[2], unpack(ARGV, 5))
  outcome = 1
end
if ARGV[3] == '' then
  return {outcome, 0}
end
if current[5] then
  redis.call('PUBLISH', ARGV[3], ARGV[4])
end
if current[3] and not current[4] then
  return {outcome, 1}
end
return {outcome, 0}
