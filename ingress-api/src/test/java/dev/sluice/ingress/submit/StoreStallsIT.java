package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.model.Namespace;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.StallingProxy;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Redis stops answering while the connection stays open (a hung server, a network that drops
 * packets): a submit still gets its 503 once the command timeout has passed, publishes nothing, and
 * submits are accepted again as soon as Redis answers. A retry with the refused submit's {@code
 * Idempotency-Key} gets its job queued, although Redis stored that submit's ticket and key; without
 * a key, such a ticket is withdrawn once Redis answers again.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreStallsIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("storestalls");
  private static final StallingProxy REDIS =
      StallingProxy.to(TestServices.get().redisHost(), TestServices.get().redisPort());
  private static final String ECHO = "{\"type\":\"echo\",\"payload\":{}}";

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", REDIS::port);
    registry.add("spring.data.redis.timeout", () -> "1s");
    // a retry takes over a submit that has not settled within publish timeout + 2 store timeouts
    // + 1 s: 4 s here
    registry.add("sluice.ingress.publish-timeout", () -> "1s");
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) throws Exception {
    REDIS.close();
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @LocalServerPort int port;
  @Autowired RabbitAdmin admin;
  @Autowired Namespace namespace;
  @Autowired StringRedisTemplate redis;

  @Test
  void submitAnswers503ByTheCommandTimeoutAndPublishesNothing() {
    SluiceApi api = SluiceApi.onPort(port);
    assertThat(api.submit("echo", "{}").status()).isEqualTo(202);
    long queued = messagesOnTheRequestsQueue();

    REDIS.stall();
    try {
      // without a timeout of its own the submit would wait for Redis for ever
      Reply reply =
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> api.submit("echo", "{}"));

      assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
      assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/store-unavailable");
      assertThat(reply.header("Retry-After")).isNotBlank();
      assertThat(messagesOnTheRequestsQueue()).isEqualTo(queued);
    } finally {
      REDIS.resume();
    }

    Reply again = api.submit("echo", "{}");
    assertThat(again.status()).as(again.toString()).isEqualTo(202);
    assertThat(messagesOnTheRequestsQueue()).isEqualTo(queued + 1);
  }

  @Test
  void aRetryWithTheKeyOfASubmitWhoseAnswerRedisHeldBackGetsItsJobQueued() {
    SluiceApi api = SluiceApi.onPort(port);
    String key = "held-back-" + UUID.randomUUID();
    // a keyed submit first, so that Redis has the scripts: the stalled one must run there
    assertThat(api.submitWithKey("first-" + key, ECHO).status()).isEqualTo(202);
    long queued = messagesOnTheRequestsQueue();

    REDIS.stall();
    Reply refused;
    try {
      refused =
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> api.submitWithKey(key, ECHO));
    } finally {
      REDIS.resume();
    }
    // Redis ran the ticket's script (the proxy held back only its answer): ticket and key are
    // stored, but no job was published for them
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    assertThat(messagesOnTheRequestsQueue()).isEqualTo(queued);

    Reply retry =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> api.submitWithKey(key, ECHO));

    assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(api.ticket(retry.json().path("id").asString()).json().path("status").asString())
        .isEqualTo("QUEUED");
    assertThat(messagesOnTheRequestsQueue()).isEqualTo(queued + 1);
    assertThat(api.submitWithKey(key, ECHO).json().path("id").asString())
        .isEqualTo(retry.json().path("id").asString());
    assertThat(messagesOnTheRequestsQueue())
        .as("a settled key replays without publishing")
        .isEqualTo(queued + 1);
  }

  @Test
  void aTicketRedisStoredAfterItsSubmitWithoutAKeyGaveUpIsWithdrawn() {
    SluiceApi api = SluiceApi.onPort(port);
    // a submit first, so that Redis has the script: the stalled one must run there
    assertThat(api.submit(ECHO).status()).isEqualTo(202);
    Set<String> ticketsBefore = ticketKeys();

    REDIS.stall();
    Reply refused;
    try {
      refused = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> api.submit(ECHO));
    } finally {
      REDIS.resume();
    }
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);

    // Redis ran the ticket's script, the proxy held back only its answer: a QUEUED ticket whose job
    // was never published, and whose id its client never learnt, until it is withdrawn
    await("the stranded ticket withdrawn")
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(ticketKeys()).isEqualTo(ticketsBefore));
  }

  /** By SCAN, not KEYS: on a Redis holding millions of other keys KEYS outlasts the timeout. */
  private Set<String> ticketKeys() {
    var options = ScanOptions.scanOptions().match(namespace.ticketKey("*")).count(1000).build();
    var keys = new HashSet<String>();
    try (Cursor<String> cursor = redis.scan(options)) {
      cursor.forEachRemaining(keys::add);
    }
    return keys;
  }

  private long messagesOnTheRequestsQueue() {
    return Objects.requireNonNull(admin.getQueueInfo(namespace.requestsQueue())).getMessageCount();
  }
}
