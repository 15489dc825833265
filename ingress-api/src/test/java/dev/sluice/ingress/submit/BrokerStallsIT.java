package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.StallingProxy;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * RabbitMQ stops reading while the connection stays open (a hung broker, a network that drops
 * packets): submits whose job cannot be written get their 503 soon after the publish timeout, their
 * tickets are withdrawn, and submits are accepted again once the broker reads.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerStallsIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("brokerstalls");
  private static final StallingProxy RABBIT =
      StallingProxy.to(TestServices.get().rabbitHost(), TestServices.get().rabbitPort());

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
    registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
    registry.add("spring.rabbitmq.port", RABBIT::port);
    registry.add("sluice.ingress.publish-timeout", () -> "1s");
    // jobs big enough that a few of them fill the socket buffers between ingress and broker
    registry.add("sluice.ingress.max-body-size", () -> "4MB");
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) throws Exception {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
    RABBIT.close();
  }

  @LocalServerPort int port;

  @Test
  void submitsAnswer503ByThePublishTimeoutAndLeaveNoTicket() throws Exception {
    assertThat(SluiceApi.onPort(port).submit("echo", "{}").status()).isEqualTo(202);

    RABBIT.freeze();
    List<Reply> replies;
    try {
      replies = assertTimeoutPreemptively(Duration.ofSeconds(20), this::submitBigJobs);
    } finally {
      RABBIT.resume();
    }

    assertThat(replies)
        .hasSize(8)
        .allSatisfy(
            reply -> {
              assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
              assertThat(reply.problemType())
                  .isEqualTo("https://sluice.dev/problems/broker-unavailable");
              assertThat(reply.header("Retry-After")).isNotBlank();
            });
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(1);

    // the publisher gave the stuck connection up and connects again, at most once a second
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> SluiceApi.onPort(port).submit("echo", "{}").status() == 202);
  }

  /** Eight 3 MB jobs at once: together more than the sockets between ingress and broker hold. */
  private List<Reply> submitBigJobs() throws Exception {
    String payload = "{\"data\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";
    List<Future<Reply>> submits = new ArrayList<>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        submits.add(executor.submit(() -> SluiceApi.onPort(port).submit("echo", payload)));
      }
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> submit : submits) {
        replies.add(submit.get());
      }
      return replies;
    }
  }
}
