package dev.sluice.testing;

import com.rabbitmq.client.ConnectionFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A namespace of its own for one test class, so runs that share a broker and a Redis never see each
 * other's messages, and a way to remove everything it left behind.
 */
public final class TestNamespace {

  private static final List<String> QUEUE_SUFFIXES = queueSuffixes();

  private final String value;

  private TestNamespace(String value) {
    this.value = value;
  }

  /** A new namespace such as {@code t-coreflow-1a2b3c4d}. */
  public static TestNamespace create(String label) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return new TestNamespace("t-" + label.toLowerCase() + "-" + suffix);
  }

  public String value() {
    return value;
  }

  /** Number of ticket keys this namespace holds in Redis right now. */
  public long ticketCount(TestServices services) {
    return withRedis(services, redis -> (long) scan(redis, value + ":ticket:*").size());
  }

  /** Deletes the namespace's queues and Redis keys. */
  public void delete(TestServices services) {
    deleteQueues(services);
    withRedis(
        services,
        redis -> {
          List<String> keys = new ArrayList<>(scan(redis, value + ":*"));
          // Redisson's companion keys of a semaphore are named "{<name>}:..."
          keys.addAll(scan(redis, "{" + value + ":*"));
          if (!keys.isEmpty()) {
            redis.del(keys.toArray(String[]::new));
          }
          return null;
        });
  }

  private void deleteQueues(TestServices services) {
    var factory = new ConnectionFactory();
    factory.setHost(services.rabbitHost());
    factory.setPort(services.rabbitPort());
    factory.setUsername(services.rabbitUsername());
    factory.setPassword(services.rabbitPassword());
    try (var connection = factory.newConnection("sluice-test-cleanup")) {
      for (String suffix : QUEUE_SUFFIXES) {
        // a fresh channel each time: deleting a queue that does not exist closes the channel
        try (var channel = connection.createChannel()) {
          channel.queueDelete(value + "." + suffix);
        } catch (Exception ignored) {
          // the queue was never declared
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("could not clean up namespace " + value, e);
    }
  }

  /** The shared queues and every delay queue a retry policy could declare. */
  private static List<String> queueSuffixes() {
    var suffixes = new ArrayList<>(List.of("requests", "results", "dead", "webhooks"));
    for (int level = 1; level <= 32; level++) {
      suffixes.add("retry." + level);
      suffixes.add("webhooks.retry." + level);
    }
    return suffixes;
  }

  private static List<String> scan(RedisCommands<String, String> redis, String pattern) {
    var keys = new ArrayList<String>();
    ScanIterator.scan(redis, ScanArgs.Builder.matches(pattern).limit(1000))
        .forEachRemaining(keys::add);
    return keys;
  }

  private interface RedisWork<T> {
    T run(RedisCommands<String, String> redis);
  }

  private static <T> T withRedis(TestServices services, RedisWork<T> work) {
    RedisClient client =
        RedisClient.create(RedisURI.create(services.redisHost(), services.redisPort()));
    try (var connection = client.connect()) {
      return work.run(connection.sync());
    } finally {
      client.shutdown();
    }
  }
}
