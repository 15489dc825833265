package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.model.Namespace;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Idempotency-Key header against a real broker and Redis. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IdempotencyIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("idempotency");
  private static final String BODY = "{\"type\":\"echo\",\"payload\":{\"order\":42}}";

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop();
    NAMESPACE.delete(TestServices.get());
  }

  @LocalServerPort int port;
  @Autowired RabbitAdmin admin;
  @Autowired Namespace namespace;

  private SluiceApi api;

  @BeforeEach
  void connect() {
    api = SluiceApi.onPort(port);
  }

  @Test
  void repeatWithSameKeyAndBodyReturnsTheOriginalTicket() {
    String key = UUID.randomUUID().toString();
    Reply first = api.submitWithKey(key, BODY);
    long tickets = NAMESPACE.ticketCount(TestServices.get());

    Reply again = api.submitWithKey(key, BODY);

    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(tickets);
  }

  @Test
  void sameKeyWithAnotherBodyIsRefused() {
    String key = UUID.randomUUID().toString();
    api.submitWithKey(key, BODY);

    Reply reply = api.submitWithKey(key, "{\"type\":\"echo\",\"payload\":{\"order\":43}}");

    assertThat(reply.status()).isEqualTo(422);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/idempotency-key-reused");
  }

  @Test
  void differentKeysCreateDifferentTickets() {
    Reply a = api.submitWithKey(UUID.randomUUID().toString(), BODY);
    Reply b = api.submitWithKey(UUID.randomUUID().toString(), BODY);

    assertThat(a.json().path("id").asString()).isNotEqualTo(b.json().path("id").asString());
  }

  @Test
  void concurrentRequestsWithOneKeyCreateOneTicket() throws Exception {
    String key = UUID.randomUUID().toString();
    long before = NAMESPACE.ticketCount(TestServices.get());
    long queued = messagesOnTheRequestsQueue();
    List<Callable<Reply>> calls =
        IntStream.range(0, 20)
            .<Callable<Reply>>mapToObj(i -> () -> api.submitWithKey(key, BODY))
            .toList();

    List<Reply> replies;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      replies = executor.invokeAll(calls).stream().map(SubmitFutures::get).toList();
    }

    assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(202));
    assertThat(replies.stream().map(r -> r.json().path("id").asString()).distinct()).hasSize(1);
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(before + 1);
    assertThat(messagesOnTheRequestsQueue()).as("jobs published").isEqualTo(queued + 1);
  }

  @Test
  void malformedKeyIsRefused() {
    Reply reply = api.submitWithKey("x".repeat(256), BODY);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/invalid-request");
  }

  private long messagesOnTheRequestsQueue() {
    return Objects.requireNonNull(admin.getQueueInfo(namespace.requestsQueue())).getMessageCount();
  }

  private static final class SubmitFutures {
    static Reply get(java.util.concurrent.Future<Reply> future) {
      try {
        return future.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
