package dev.sluice.ingress.auth;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.TooManyRequestsException;
import dev.sluice.ingress.store.RedisCalls;
import dev.sluice.model.Namespace;
import dev.sluice.support.RedisBuckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each client's submit rate, as token buckets kept in Redis by Bucket4j, so that the limit holds
 * across every ingress replica.
 */
@Component
public class ClientRateLimiter {

  private final RedisBuckets buckets;
  private final Namespace namespace;

  ClientRateLimiter(LettuceConnectionFactory connections, Namespace namespace) {
    this.buckets = new RedisBuckets(connections);
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
                return buckets
                    .manager()
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
    long capacity = limits.burst() != null ? limits.burst() : Math.max(1, Math.round(rate));
    return RedisBuckets.perSecond(rate, capacity);
  }
}
