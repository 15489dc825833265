package dev.sluice.support;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Bucket4j token buckets kept in Redis, over the application's own Lettuce client, so that a limit
 * holds across every process that uses the same key. Connects on first use, so that the application
 * starts while Redis is away.
 */
public final class RedisBuckets {

  private final LettuceConnectionFactory connections;
  private volatile ProxyManager<String> buckets;

  public RedisBuckets(LettuceConnectionFactory connections) {
    this.connections = connections;
  }

  /**
   * A bucket that lets {@code rate} requests through per second, up to {@code capacity} at once.
   * Fractional rates work: 0.5 per second refills one token every two seconds.
   */
  public static BucketConfiguration perSecond(double rate, long capacity) {
    long tokens = Math.max(1, Math.round(rate));
    Duration period = Duration.ofNanos(Math.round(tokens / rate * TimeUnit.SECONDS.toNanos(1)));
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period))
        .build();
  }

  /** The proxy manager; buckets expire once they would be full again, at most after a minute. */
  public ProxyManager<String> manager() {
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
