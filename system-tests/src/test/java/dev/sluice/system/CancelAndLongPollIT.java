package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static dev.sluice.system.Tickets.awaitStatus;
import static dev.sluice.system.Tickets.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cancellation and long polling with the packaged jars: two ingress replicas (only the first
 * collects results, so a poll on the second is woken through Redis) and one worker that runs one
 * job at a time.
 */
class CancelAndLongPollIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("cancel");
  private static final Map<String, String> WORKER_ENV =
      Map.of("SLUICE_WORKER_CONCURRENCY", "1", "SLUICE_WORKER_PREFETCH", "1");

  private static SluiceProcess collecting;
  private static SluiceProcess polling;
  private static SluiceProcess worker;
  private static SluiceApi api;
  private static SluiceApi other;

  @BeforeAll
  static void start() {
    collecting = SluiceProcess.ingress(NAMESPACE, Map.of());
    polling = SluiceProcess.ingress(NAMESPACE, Map.of("SLUICE_INGRESS_RESULT_CONSUMERS", "0"));
    worker = SluiceProcess.worker(NAMESPACE, "worker-1", WORKER_ENV);
    for (SluiceProcess process : new SluiceProcess[] {collecting, polling, worker}) {
      process.awaitReady();
    }
    api = SluiceApi.onPort(collecting.port());
    other = SluiceApi.onPort(polling.port());
  }

  @AfterAll
  static void stop() {
    worker.close();
    polling.close();
    collecting.close();
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void longPollOnAnotherReplicaReturnsOnCompletion() {
    String location = submit("{\"sleepMs\":1500}");

    // answered on completion, well before the 30 s it may wait
    Reply reply = other.send(get(location + "?wait=30", Duration.ofSeconds(15)));

    assertThat(reply.json().path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(reply.header("Retry-After")).isNull();
  }

  @Test
  void longPollReturnsWhenItsWaitRunsOut() {
    String location = submit("{\"sleepMs\":4000}");

    Reply reply = other.send(get(location + "?wait=1", Duration.ofSeconds(10)));

    assertThat(reply.json().path("status").asString()).isIn("QUEUED", "RUNNING");
    assertThat(reply.header("Retry-After")).isEqualTo("1");
    awaitFinal(api, location, Duration.ofSeconds(20));
  }

  @Test
  void queuedJobCancelledBeforeItRunsIsNeverRun() throws IOException {
    String blocker = submit("{\"sleepMs\":2000}");
    awaitStatus(api, blocker, "RUNNING", Duration.ofSeconds(10));
    String victim = submit("{\"sleepMs\":10}");

    Reply cancelled = api.send(delete(victim));

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
    // a job submitted after the victim succeeds, so the worker has passed the victim by
    String after = submit("{}");
    assertThat(awaitFinal(api, after, Duration.ofSeconds(30)).path("status").asString())
        .isEqualTo("SUCCEEDED");
    JsonNode ticket = api.get(victim).json();
    assertThat(ticket.path("status").asString()).isEqualTo("CANCELLED");
    assertThat(ticket.path("attempts").asInt()).isZero();
    assertThat(ticket.path("startedAt").isNull()).isTrue();
    // the ticket would look the same had the victim run (its result is ignored once the ticket is
    // final): the worker's own account says it dropped the job for its cancel marker instead
    assertThat(Files.readString(worker.log())).contains("Skipping cancelled job " + idOf(victim));
  }

  @Test
  void runningJobIsInterruptedWhenCancelled() {
    String running = submit("{\"sleepMs\":60000}");
    awaitStatus(api, running, "RUNNING", Duration.ofSeconds(10));

    Reply cancelled = api.send(delete(running));

    assertThat(cancelled.json().path("status").asString()).isEqualTo("CANCELLED");
    // the only consumer is free again long before the minute the job would have slept
    String next = submit("{}");
    assertThat(awaitFinal(api, next, Duration.ofSeconds(20)).path("status").asString())
        .isEqualTo("SUCCEEDED");
    assertThat(api.get(running).json().path("status").asString()).isEqualTo("CANCELLED");
  }

  @Test
  void completedJobCannotBeCancelled() {
    String done = submit("{}");
    awaitFinal(api, done, Duration.ofSeconds(20));

    Reply refused = api.send(delete(done));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/already-final");
    assertThat(refused.json().path("detail").asString()).contains("SUCCEEDED");
  }

  private static String submit(String payload) {
    Reply reply = api.submit("simulate", payload);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    return reply.header("Location");
  }

  private static HttpRequest delete(String location) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collecting.port() + location))
        .DELETE()
        .build();
  }

  private static HttpRequest get(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + polling.port() + path))
        .timeout(timeout)
        .build();
  }
}
