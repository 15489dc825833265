-- Settles an idempotency key whose ticket is not known to be published yet, for a repeat of the
-- request that claimed it. Its record is "fingerprint ticketId since" while the first submit
-- publishes (since: the second it started, on Redis's clock), "fingerprint ticketId queued" once
-- its job was published; a record without the third part (written before there was one) counts
-- as published.
-- KEYS[1]: idempotency key; KEYS[2]: ticket key
-- ARGV[1]: the ticket id the caller knows; ARGV[2]: seconds after which an unsettled submit is
-- abandoned (its ingress died, or failed to tell Redis either way)
-- Returns 'queued' (replay the ticket), 'pending' (the first submit may still publish: ask again),
-- 'taken' (the caller now publishes the job, and the window starts again for any other repeat), or
-- 'gone' (the key or ticket went, or the key belongs to another ticket now).
local record = redis.call('GET', KEYS[1])
if not record then
  return 'gone'
end
local fingerprint, id, since = string.match(record, '^(%S+) (%S+) ?(%S*)$')
if id ~= ARGV[1] then
  return 'gone'
end
if since == '' or since == 'queued' then
  return 'queued'
end
local status = redis.call('HGET', KEYS[2], 'status')
if not status then
  return 'gone'
end
if status ~= 'QUEUED' then
  -- a worker has seen the job: it was published
  redis.call('SET', KEYS[1], fingerprint .. ' ' .. id .. ' queued', 'KEEPTTL')
  return 'queued'
end
local now = tonumber(redis.call('TIME')[1])
if now - tonumber(since) < tonumber(ARGV[2]) then
  return 'pending'
end
redis.call('SET', KEYS[1], fingerprint .. ' ' .. id .. ' ' .. now, 'KEEPTTL')
return 'taken'
