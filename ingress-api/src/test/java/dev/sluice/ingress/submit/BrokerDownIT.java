package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * RabbitMQ is unreachable (a port nothing listens on): submits get 503, and the ticket stored
 * before the publish is withdrawn.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerDownIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("brokerdown");

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
    int closed = IngressTestSetup.closedPort();
    registry.add("spring.rabbitmq.port", () -> closed);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @LocalServerPort int port;

  @Test
  void submitAnswers503AndLeavesNoTicket() {
    Reply reply = SluiceApi.onPort(port).submit("echo", "{}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/broker-unavailable");
    assertThat(reply.header("Retry-After")).isNotBlank();
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isZero();
  }
}
