package dev.sluice.ingress.auth;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.TooManyRequestsException;
import dev.sluice.ingress.store.RedisCalls;
import dev.sluice.model.Namespace;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each client's submit rate, as token buckets kept in Redis by Bucket4j, so that the limit holds
 * across every ingress replica.
 */
@Component
public class ClientRateLimiter {

  private final LettuceConnectionFactory connections;
  private final Namespace namespace;
  private volatile ProxyManager<String> buckets;

  ClientRateLimiter(LettuceConnectionFactory connections, Namespace namespace) {
    this.connections = connections;
    this.namespace = namespace;
  }

  /**
   * Takes one submit from the caller's bucket.
   *
   * @throws TooManyRequestsException if it is empty, with how long until a token is back
   */
  public void acquire(Caller caller) {
    AuthProperties.Client limits = caller.limits();
    if (limits == null || limits.ratePerSecond() == null) {
      return;
    }
    double rate = limits.ratePerSecond();
    ConsumptionProbe probe =
        RedisCalls.call(
            () -> {
              try {
                return buckets()
                    .builder()
                    .build(namespace.rateKey(caller.clientId()), () -> configuration(limits, rate))
                    .tryConsumeAndReturnRemaining(1);
              } catch (RedisException e) {
                throw new QueryTimeoutException("rate limiter: " + e.getMessage(), e);
              }
            });
    if (!probe.isConsumed()) {
      long seconds = (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9);
      throw new TooManyRequestsException(
          ProblemType.RATE_LIMITED,
          "Over " + rate + " submits per second; try again in " + seconds + " s.",
          seconds);
    }
  }

  private static BucketConfiguration configuration(AuthProperties.Client limits, double rate) {
    // whole tokens per period: a rate of 0.5/s refills 1 token every 2 s
    long tokens = Math.max(1, Math.round(rate));
    Duration period = Duration.ofNanos(Math.round(tokens / rate * TimeUnit.SECONDS.toNanos(1)));
    long capacity = limits.burst() != null ? limits.burst() : tokens;
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period))
        .build();
  }

  /** Connects on first use, so the ingress starts while Redis is away. */
  private ProxyManager<String> buckets() {
    ProxyManager<String> manager = buckets;
    if (manager == null) {
      synchronized (this) {
        if (buckets == null) {
          RedisClient client = (RedisClient) connections.getNativeClient();
          StatefulRedisConnection<String, byte[]> connection =
              client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
          buckets =
              Bucket4jLettuce.casBasedBuilder(connection)
                  .expirationAfterWrite(
                      ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                          Duration.ofMinutes(1)))
                  .build();
        }
        manager = buckets;
      }
    }
    return manager;
  }
}
