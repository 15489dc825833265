package dev.sluice.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The core flow with the packaged jars as separate processes: one ingress, two workers, the real
 * broker and Redis in between, and a client that only speaks HTTP.
 */
class CoreFlowIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("coreflow");

  /** One call at a time, 300 ms each: a few jobs are enough to make jobs wait for it. */
  private static final TestUpstream upstream = new TestUpstream(n -> TestUpstream.Answer.ok(300));

  private static final WebhookReceiver receiver = new WebhookReceiver();

  private static final Map<String, String> ENV =
      Map.of(
          "SLUICE_UPSTREAMS_DEMO_BASEURL", upstream.baseUrl(),
          "SLUICE_UPSTREAMS_DEMO_MAXCONCURRENCY", "1",
          "SLUICE_UPSTREAMS_DEMO_PERMITWAIT", "50ms",
          "SLUICE_WEBHOOKS_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
          "SLUICE_WEBHOOKS_ALLOWPRIVATENETWORKS", "true");

  private static SluiceProcess ingress;
  private static SluiceProcess workerA;
  private static SluiceProcess workerB;
  private static SluiceApi api;

  @BeforeAll
  static void startStack() {
    ingress = SluiceProcess.ingress(NAMESPACE, ENV);
    workerA = SluiceProcess.worker(NAMESPACE, "worker-a", ENV);
    workerB = SluiceProcess.worker(NAMESPACE, "worker-b", ENV);
    Stream.of(ingress, workerA, workerB).forEach(SluiceProcess::awaitReady);
    api = SluiceApi.onPort(ingress.port());
  }

  @AfterAll
  static void stopStack() {
    Stream.of(ingress, workerA, workerB).filter(p -> p != null).forEach(SluiceProcess::close);
    upstream.close();
    receiver.close();
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void bothApplicationsLoadTheirOwnClassesFromTheirAotCache() {
    // loaded while the context refreshes, as in the training run (scripts/aot-cache)
    assertThat(ingress.classesFromAotCache())
        .contains(
            "dev.sluice.ingress.IngressApplication", "dev.sluice.ingress.submit.SubmitController");
    assertThat(workerA.classesFromAotCache())
        .contains(
            "dev.sluice.worker.WorkerApplication", "dev.sluice.worker.processing.JobListener");
  }

  @Test
  void submittedEchoReachesSucceededWithItsResultAndWorker() {
    Reply accepted = api.submit("echo", "{\"hello\":\"world\",\"n\":[1,2,3]}");
    assertThat(accepted.status()).isEqualTo(202);

    JsonNode ticket = awaitFinal(accepted.header("Location"));

    assertThat(ticket.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(ticket.path("result").path("hello").asString()).isEqualTo("world");
    assertThat(ticket.path("result").path("n").size()).isEqualTo(3);
    assertThat(ticket.path("workerId").asString()).isIn("worker-a", "worker-b");
    assertThat(ticket.path("attempts").asInt()).isEqualTo(1);
    assertThat(ticket.path("startedAt").asString()).isNotBlank();
    assertThat(ticket.path("completedAt").asString()).isNotBlank();
  }

  @Test
  void ticketShowsRunningWhileTheJobRuns() {
    Reply accepted = api.submit("simulate", "{\"sleepMs\":3000}");
    String location = accepted.header("Location");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get(location).json().path("status").asString().equals("RUNNING"));
    JsonNode running = api.get(location).json();
    assertThat(running.path("workerId").asString()).isIn("worker-a", "worker-b");
    assertThat(running.path("startedAt").asString()).isNotBlank();

    assertThat(awaitFinal(location).path("status").asString()).isEqualTo("SUCCEEDED");
  }

  @Test
  void failingJobEndsFailedWithItsError() {
    Reply accepted =
        api.submit("{\"type\":\"simulate\",\"payload\":{\"failAttempts\":1},\"maxAttempts\":1}");

    JsonNode ticket = awaitFinal(accepted.header("Location"));

    assertThat(ticket.path("status").asString()).isEqualTo("FAILED");
    assertThat(ticket.path("error").path("code").asString()).isEqualTo("handler-error");
    assertThat(ticket.path("error").path("message").asString()).contains("attempt 1");
    assertThat(ticket.has("result")).isFalse();
  }

  @Test
  void twoWorkersShareABurst() {
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Reply accepted = api.submit("simulate", "{\"sleepMs\":20}");
      assertThat(accepted.status()).isEqualTo(202);
      locations.add(accepted.header("Location"));
    }

    Set<String> workers = new HashSet<>();
    for (String location : locations) {
      JsonNode ticket = awaitFinal(location);
      assertThat(ticket.path("status").asString()).isEqualTo("SUCCEEDED");
      assertThat(ticket.path("result").path("workerId").asString())
          .isEqualTo(ticket.path("workerId").asString());
      workers.add(ticket.path("workerId").asString());
    }

    assertThat(workers).containsExactlyInAnyOrder("worker-a", "worker-b");
  }

  @Test
  void unknownIdIsNotFound() {
    Reply reply = api.ticket("019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/not-found");
  }

  @Test
  void everyMeterTheDashboardShowsIsExported() throws Exception {
    List<String> locations = new ArrayList<>();
    locations.add(
        api.submit(
                "{\"type\":\"echo\",\"callbackUrl\":\""
                    + receiver.url("/meters")
                    + "\",\"payload\":{}}")
            .header("Location"));
    locations.add(
        api.submit("{\"type\":\"simulate\",\"payload\":{\"failAttempts\":9},\"maxAttempts\":2}")
            .header("Location"));
    for (int i = 0; i < 6; i++) {
      locations.add(
          api.submit("http", "{\"upstream\":\"demo\",\"path\":\"/m\"}").header("Location"));
    }
    assertThat(api.submit("nope", "{}").status()).isEqualTo(400);
    locations.forEach(CoreFlowIT::awaitFinal);
    await("the webhook")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !receiver.received("/meters").isEmpty());

    Set<String> wanted = Dashboard.sluiceMetrics();
    await("every meter of the dashboard")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              String exported =
                  Stream.of(ingress, workerA, workerB)
                      .map(
                          p ->
                              SluiceApi.onPort(p.port())
                                  .get("/actuator/prometheus")
                                  .response()
                                  .body())
                      .reduce("", String::concat);
              assertThat(wanted)
                  .allSatisfy(
                      metric ->
                          assertThat(exported)
                              .as(metric)
                              .containsPattern("(?m)^" + metric + "[{ ]"));
            });
    assertThat(wanted).hasSizeGreaterThan(10);
  }

  private static JsonNode awaitFinal(String location) {
    return Tickets.awaitFinal(api, location, Duration.ofSeconds(30));
  }
}
