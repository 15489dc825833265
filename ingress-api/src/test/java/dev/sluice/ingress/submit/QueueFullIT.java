package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the requests queue at its bound and no worker, submits are refused at once. */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sluice.queue.max-length=3")
class QueueFullIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("queuefull");

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @LocalServerPort int port;

  @Test
  void fullQueueAnswers503WithRetryAfterAndLeavesNoTicket(CapturedOutput log) {
    SluiceApi api = SluiceApi.onPort(port);
    int accepted = 0;
    Reply reply = api.submit("echo", "{}");
    while (reply.status() == 202 && accepted < 20) {
      accepted++;
      reply = api.submit("echo", "{}");
    }

    // Quorum queues check the bound when a message arrives, so one more than the bound may get
    // in while the queue stands exactly at it.
    assertThat(accepted).isBetween(3, 4);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/queue-full");
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.header("Retry-After")).isEqualTo("5");
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(accepted);
    // the designed refusal: counted, not logged (a long overload would log one per submit)
    assertThat(log.getOut()).doesNotContain("Answering 503");
  }
}
