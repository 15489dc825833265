-- Records that the job of an idempotency key's ticket was published, keeping the key's expiry.
-- KEYS[1]: idempotency key; ARGV[1]: the record "fingerprint ticketId queued"
-- Does nothing if the key is gone (it expired, or was withdrawn meanwhile).
redis.call('SET', KEYS[1], ARGV[1], 'XX', 'KEEPTTL')
return ''
