package dev.sluice.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** A channel subscription against the real Redis. */
class RedisSubscriptionsIT {

  private static final TestServices services = TestServices.get();

  private final String channel = "t-subscriptions-" + UUID.randomUUID();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<Thread> listenerThreads = new CopyOnWriteArrayList<>();
  private LettuceConnectionFactory connections;
  private RedisMessageListenerContainer container;

  @BeforeEach
  void subscribe() throws Exception {
    connections =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(services.redisHost(), services.redisPort()));
    connections.afterPropertiesSet();
    connections.start();
    container =
        RedisSubscriptions.container(
            connections,
            (message, pattern) -> {
              listenerThreads.add(Thread.currentThread());
              received.add(new String(message.getBody(), StandardCharsets.UTF_8));
            },
            channel);
    container.afterPropertiesSet();
    container.start();
  }

  @AfterEach
  void close() throws Exception {
    container.destroy();
    connections.destroy();
  }

  @Test
  void messagesReachTheListenerInOrderOnTheSubscriptionsOwnThread() {
    var redis = new StringRedisTemplate(connections);
    List<String> sent = IntStream.range(0, 200).mapToObj(i -> "ticket-" + i).toList();

    sent.forEach(message -> redis.convertAndSend(channel, message));

    await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == sent.size());
    assertThat(received).containsExactlyElementsOf(sent);
    // no thread started per message: they all came through the one thread that reads the
    // subscription
    assertThat(listenerThreads.stream().distinct()).hasSize(1);
  }
}
