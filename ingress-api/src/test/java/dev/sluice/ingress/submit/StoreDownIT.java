package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.model.Namespace;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis is unreachable (a port nothing listens on): submits get 503 and publish nothing. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoreDownIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("storedown");

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
    int closed = IngressTestSetup.closedPort();
    registry.add("spring.data.redis.port", () -> closed);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @LocalServerPort int port;
  @Autowired RabbitAdmin admin;
  @Autowired Namespace namespace;

  @Test
  void submitAnswers503AndPublishesNothing() {
    Reply reply = SluiceApi.onPort(port).submit("echo", "{}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/store-unavailable");
    assertThat(reply.header("Retry-After")).isNotBlank();
    var queue = Objects.requireNonNull(admin.getQueueInfo(namespace.requestsQueue()));
    assertThat(queue.getMessageCount()).isZero();
  }

  @Test
  void pollAnswers503() {
    Reply reply = SluiceApi.onPort(port).ticket("019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/store-unavailable");
  }
}
