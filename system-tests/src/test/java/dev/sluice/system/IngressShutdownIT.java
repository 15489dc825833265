package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.StallingProxy;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An ingress stopped with SIGTERM while clients submit: every 202 it gave stands. An ingress killed
 * between storing a ticket and publishing its job: a repeat with the request's Idempotency-Key gets
 * the job done.
 */
class IngressShutdownIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("ingressstop");

  private static SluiceProcess worker;

  @BeforeAll
  static void startWorker() {
    worker = SluiceProcess.worker(NAMESPACE, "worker-1", Map.of()).awaitReady();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void everyAcceptedRequestSurvivesTheIngressStopping() throws Exception {
    SluiceProcess ingress = SluiceProcess.ingress(NAMESPACE, Map.of()).awaitReady();
    SluiceApi api = SluiceApi.onPort(ingress.port());
    List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    int[] refused = {0};

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var clients = new ArrayList<Future<?>>();
      for (int t = 0; t < 8; t++) {
        clients.add(
            executor.submit(
                () -> {
                  while (true) {
                    try {
                      Reply reply = api.submit("simulate", "{\"sleepMs\":10}");
                      if (reply.status() == 202) {
                        accepted.add(reply.header("Location"));
                      } else {
                        synchronized (refused) {
                          refused[0]++;
                        }
                      }
                    } catch (UncheckedIOException connectionGone) {
                      return null;
                    }
                  }
                }));
      }
      // stop it under load: once the clients have had a good number of requests accepted
      await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 300);
      ingress.close();
      for (var client : clients) {
        client.get(30, TimeUnit.SECONDS);
      }
    }

    // tickets live in Redis: a new ingress answers for them
    try (SluiceProcess next = SluiceProcess.ingress(NAMESPACE, Map.of()).awaitReady()) {
      SluiceApi nextApi = SluiceApi.onPort(next.port());
      for (String location : accepted) {
        assertThat(awaitFinal(nextApi, location, Duration.ofSeconds(60)).path("status").asString())
            .as(location)
            .isEqualTo("SUCCEEDED");
      }
    }
    System.out.printf(
        "ingress stop: accepted %d before the stop, refused %d%n", accepted.size(), refused[0]);
    assertThat(accepted).isNotEmpty();
  }

  @Test
  void aRepeatWithTheKeyOfASubmitWhoseIngressDiedBeforePublishingGetsItsJobDone() throws Exception {
    TestServices services = TestServices.get();
    String key = "killed-" + UUID.randomUUID();
    String body = "{\"type\":\"simulate\",\"payload\":{\"sleepMs\":10}}";
    try (var broker = StallingProxy.to(services.rabbitHost(), services.rabbitPort());
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        // closed even if the test fails before it is killed
        SluiceProcess doomed =
            SluiceProcess.ingress(
                    NAMESPACE,
                    Map.of(
                        "SPRING_RABBITMQ_HOST", "127.0.0.1",
                        "SPRING_RABBITMQ_PORT", Integer.toString(broker.port()),
                        "SLUICE_INGRESS_PUBLISHTIMEOUT", "60s"))
                .awaitReady()) {
      long tickets = NAMESPACE.ticketCount(services);
      broker.freeze();
      Future<?> lost =
          executor.submit(() -> SluiceApi.onPort(doomed.port()).submitWithKey(key, body));
      // the ticket is stored; the submit now waits for a confirm that does not come
      await().atMost(Duration.ofSeconds(30)).until(() -> NAMESPACE.ticketCount(services) > tickets);
      doomed.kill();
      assertThatThrownBy(() -> lost.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(UncheckedIOException.class);
    }

    try (SluiceProcess next = SluiceProcess.ingress(NAMESPACE, Map.of()).awaitReady()) {
      SluiceApi api = SluiceApi.onPort(next.port());
      Reply repeat = api.submitWithKey(key, body);

      assertThat(repeat.status()).as(repeat.toString()).isEqualTo(202);
      assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
      JsonNode ticket = awaitFinal(api, repeat.header("Location"), Duration.ofSeconds(60));
      assertThat(ticket.path("status").asString()).isEqualTo("SUCCEEDED");
    }
  }
}
