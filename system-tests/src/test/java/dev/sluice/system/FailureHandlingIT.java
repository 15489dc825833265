package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static dev.sluice.system.Tickets.awaitStatus;
import static dev.sluice.system.Tickets.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Retries, timeouts, permanent failures, poison jobs and the dead-letter admin API, with the
 * packaged jars as processes. Retries are fast here (300 ms doubling to 1 s), and a job that kills
 * its worker twice is dead-lettered.
 */
class FailureHandlingIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("failures");
  private static final Map<String, String> ENV =
      Map.of(
          "SLUICE_QUEUE_DELIVERY_LIMIT", "1",
          "SLUICE_WORKER_RETRY_INITIAL_DELAY", "300ms",
          "SLUICE_WORKER_RETRY_MAX_DELAY", "1s",
          "SLUICE_WORKER_SIMULATE_ALLOW_CRASH", "true");

  private static SluiceProcess ingress;
  private static SluiceProcess worker;
  private static SluiceApi api;

  @BeforeAll
  static void startStack() {
    ingress = SluiceProcess.ingress(NAMESPACE, ENV);
    worker = SluiceProcess.worker(NAMESPACE, "worker-1", ENV);
    ingress.awaitReady();
    worker.awaitReady();
    api = SluiceApi.onPort(ingress.port());
  }

  @AfterAll
  static void stopStack() {
    for (SluiceProcess process : new SluiceProcess[] {ingress, worker}) {
      if (process != null) {
        process.close();
      }
    }
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void failedAttemptsAreRetriedUntilOneSucceeds() {
    String location = submit("{\"failAttempts\":2}", 5, null);

    JsonNode retrying = awaitStatus(api, location, "RETRYING", Duration.ofSeconds(10));
    assertThat(retrying.path("error").path("code").asString()).isEqualTo("handler-error");
    assertThat(retrying.path("attempts").asInt()).isPositive();

    JsonNode done = awaitFinal(api, location, Duration.ofSeconds(20));
    assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("attempts").asInt()).isEqualTo(3);
    assertThat(done.path("result").path("attempt").asInt()).isEqualTo(3);
    assertThat(done.has("error")).isFalse();
  }

  @Test
  void jobThatUsesUpItsAttemptsFailsAndIsDeadLettered() {
    String location = submit("{\"failAttempts\":10}", 2, null);
    String id = idOf(location);

    JsonNode failed = awaitFinal(api, location, Duration.ofSeconds(20));

    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    assertThat(failed.path("attempts").asInt()).isEqualTo(2);
    assertThat(failed.path("error").path("message").asString()).contains("attempt 2");
    JsonNode letter = awaitDeadLetter(id);
    assertThat(letter.path("reason").asString()).isEqualTo("exhausted");
    assertThat(letter.path("attempts").asInt()).isEqualTo(2);
    assertThat(letter.path("error").path("code").asString()).isEqualTo("handler-error");
  }

  @Test
  void operatorRetryRunsADeadLetterAgainWithFreshAttempts() {
    String location = submit("{\"failAttempts\":3}", 2, null);
    String id = idOf(location);
    awaitFinal(api, location, Duration.ofSeconds(20));
    awaitDeadLetter(id);

    Reply retried = api.post("/v1/admin/dead-letters/" + id + "/retry", "application/json", "");

    assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
    assertThat(retried.json().path("status").asString()).isIn("QUEUED", "RUNNING", "RETRYING");
    JsonNode done = awaitFinal(api, location, Duration.ofSeconds(20));
    assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("attempts").asInt()).isEqualTo(4);
    assertThat(deadLetterIds()).doesNotContain(id);
  }

  @Test
  void deletedDeadLetterIsGoneAndItsTicketStays() {
    String location = submit("{\"failAttempts\":10}", 1, null);
    String id = idOf(location);
    awaitFinal(api, location, Duration.ofSeconds(20));
    awaitDeadLetter(id);

    Reply deleted = api.send(delete("/v1/admin/dead-letters/" + id));

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deadLetterIds()).doesNotContain(id);
    assertThat(api.send(delete("/v1/admin/dead-letters/" + id)).status()).isEqualTo(404);
    assertThat(api.post("/v1/admin/dead-letters/" + id + "/retry", "application/json", "").status())
        .isEqualTo(404);
    assertThat(api.get(location).json().path("status").asString()).isEqualTo("FAILED");
  }

  @Test
  void attemptOverItsTimeoutFailsWithCodeTimeout() {
    String location = submit("{\"sleepMs\":10000}", 1, 300L);

    JsonNode failed = awaitFinal(api, location, Duration.ofSeconds(10));

    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    assertThat(failed.path("error").path("code").asString()).isEqualTo("timeout");
  }

  @Test
  void permanentFailureIsNotRetried() {
    String location = submit("{\"sleepMs\":-5}", 5, null);

    JsonNode failed = awaitFinal(api, location, Duration.ofSeconds(10));

    assertThat(failed.path("status").asString()).isEqualTo("FAILED");
    assertThat(failed.path("attempts").asInt()).isEqualTo(1);
    assertThat(failed.path("error").path("code").asString()).isEqualTo("invalid-payload");
  }

  @Test
  void jobThatKeepsKillingWorkersIsDeadLetteredAsPoisonAndThePoolGoesOn() {
    String location = submit("{\"crash\":true}", 5, null);
    String id = idOf(location);

    // every delivery halts the worker; bring it back each time, as an orchestrator would, without
    // waiting for it to report ready: its consumer may take the job again, and halt, before that
    await("poisoned ticket")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!worker.isAlive()) {
                worker = SluiceProcess.worker(NAMESPACE, "worker-1", ENV);
              }
              return "FAILED".equals(api.get(location).json().path("status").asString());
            });

    JsonNode failed = api.get(location).json();
    assertThat(failed.path("error").path("code").asString()).isEqualTo("poison");
    assertThat(awaitDeadLetter(id).path("reason").asString()).isEqualTo("poison");
    if (!worker.isAlive()) {
      worker = SluiceProcess.worker(NAMESPACE, "worker-1", ENV);
    }
    worker.awaitReady();
    String next = submit("{}", 1, null);
    assertThat(awaitFinal(api, next, Duration.ofSeconds(30)).path("status").asString())
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void deadLetterListIsPagedAndChecksItsBounds() {
    assertThat(api.get("/v1/admin/dead-letters?limit=1").json().path("limit").asInt()).isEqualTo(1);
    Reply bad = api.get("/v1/admin/dead-letters?limit=0");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.problemType()).isEqualTo("https://sluice.dev/problems/invalid-request");
  }

  private static String submit(String payload, int maxAttempts, Long timeoutMs) {
    String body =
        "{\"type\":\"simulate\",\"payload\":"
            + payload
            + ",\"maxAttempts\":"
            + maxAttempts
            + (timeoutMs == null ? "" : ",\"timeoutMs\":" + timeoutMs)
            + "}";
    Reply reply = api.submit(body);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    return reply.header("Location");
  }

  private static JsonNode awaitDeadLetter(String id) {
    return await("dead letter " + id)
        .atMost(Duration.ofSeconds(20))
        .until(() -> findDeadLetter(id), letter -> letter != null);
  }

  private static JsonNode findDeadLetter(String id) {
    for (JsonNode item : api.get("/v1/admin/dead-letters?limit=200").json().path("items")) {
      if (item.path("id").asString().equals(id)) {
        return item;
      }
    }
    return null;
  }

  private static java.util.List<String> deadLetterIds() {
    var ids = new java.util.ArrayList<String>();
    api.get("/v1/admin/dead-letters?limit=200")
        .json()
        .path("items")
        .forEach(item -> ids.add(item.path("id").asString()));
    return ids;
  }

  private static HttpRequest delete(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + path))
        .DELETE()
        .build();
  }
}
