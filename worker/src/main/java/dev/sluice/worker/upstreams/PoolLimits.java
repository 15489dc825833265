package dev.sluice.worker.upstreams;

import dev.sluice.support.RedisBuckets;
import dev.sluice.support.upstreams.UpstreamsProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RPermitExpirableSemaphore;

/**
 * The concurrency and rate limits of one upstream, shared by every worker: concurrency as a
 * Redisson permit-expirable semaphore (a permit held by a worker that died comes back when its
 * lease runs out), rate as a Bucket4j token bucket whose refill follows the shared throttle.
 */
class PoolLimits {

  /** A permit lasts the call's timeout plus this, after which it returns even if never released. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

  private final Supplier<RPermitExpirableSemaphore> semaphore;
  private final RedisBuckets buckets;
  private final String bucketKey;
  private final long burst;
  private final long leaseMillis;
  private final int maxConcurrency;
  private volatile @Nullable RPermitExpirableSemaphore permits;

  /**
   * @param semaphore the pool's semaphore, asked for on first use: a worker that never calls this
   *     upstream never starts Redisson
   */
  PoolLimits(
      Supplier<RPermitExpirableSemaphore> semaphore,
      RedisBuckets buckets,
      String bucketKey,
      UpstreamsProperties.Upstream upstream) {
    this.semaphore = semaphore;
    this.buckets = buckets;
    this.bucketKey = bucketKey;
    this.burst = upstream.effectiveBurst();
    this.leaseMillis = upstream.timeout().plus(LEASE_MARGIN).toMillis();
    this.maxConcurrency = upstream.maxConcurrency();
  }

  /**
   * Takes a concurrency permit, then a rate token at the throttle's current rate, waiting at most
   * {@code wait} for both.
   *
   * @return what gives the permit back, or empty if either could not be had in time
   */
  Optional<Runnable> acquire(ThrottleState throttle, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    RPermitExpirableSemaphore permits = permits();
    String permit = permits.tryAcquire(wait.toMillis(), leaseMillis, TimeUnit.MILLISECONDS);
    if (permit == null) {
      return Optional.empty();
    }
    boolean admitted = false;
    try {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      admitted = bucket(throttle).asBlocking().tryConsume(1, left);
    } finally {
      if (!admitted) {
        permits.tryRelease(permit);
      }
    }
    return admitted ? Optional.of(() -> permits.tryRelease(permit)) : Optional.empty();
  }

  /** On first use, not at start-up: a worker starts while Redis is away. */
  private RPermitExpirableSemaphore permits() {
    RPermitExpirableSemaphore current = permits;
    if (current == null) {
      current = semaphore.get();
      current.setPermits(maxConcurrency);
      permits = current;
    }
    return current;
  }

  private Bucket bucket(ThrottleState throttle) {
    return buckets
        .manager()
        .builder()
        .withImplicitConfigurationReplacement(throttle.version(), TokensInheritanceStrategy.AS_IS)
        .build(bucketKey, () -> RedisBuckets.perSecond(throttle.rate(), burst));
  }
}
