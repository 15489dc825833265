package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Workers that die or are stopped while they hold jobs: nothing accepted is lost, and every ticket
 * reaches one final status. Workers get a grace period of 2 s on SIGTERM.
 */
class CrashIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("crash");
  private static final Map<String, String> ENV = Map.of("SLUICE_WORKER_SHUTDOWN_GRACE", "2s");

  private static SluiceProcess ingress;
  private static final SluiceProcess[] workers = new SluiceProcess[2];
  private static SluiceApi api;

  @BeforeAll
  static void startStack() {
    ingress = SluiceProcess.ingress(NAMESPACE, ENV);
    for (int i = 0; i < workers.length; i++) {
      workers[i] = SluiceProcess.worker(NAMESPACE, "worker-" + i, ENV);
    }
    ingress.awaitReady();
    for (SluiceProcess worker : workers) {
      worker.awaitReady();
    }
    api = SluiceApi.onPort(ingress.port());
  }

  @AfterAll
  static void stopStack() {
    for (SluiceProcess worker : workers) {
      worker.close();
    }
    ingress.close();
    NAMESPACE.delete(TestServices.get());
  }

  /** Every test starts with both workers up. */
  @BeforeEach
  void reviveWorkers() {
    for (int i = 0; i < workers.length; i++) {
      if (!workers[i].isAlive()) {
        workers[i] = SluiceProcess.worker(NAMESPACE, "worker-" + i, ENV).awaitReady();
      }
    }
  }

  @Test
  void jobsOfAKilledWorkerAreRedeliveredAndEachTicketEndsOnce() {
    List<String> locations = submitMany(30, "{\"sleepMs\":1000}");
    String victim = awaitRunningOnAny(locations).path("workerId").asString();
    SluiceProcess killed = workerNamed(victim);

    killed.kill();

    List<JsonNode> finals = new ArrayList<>();
    for (String location : locations) {
      finals.add(awaitFinal(api, location, Duration.ofSeconds(60)));
    }
    assertThat(finals)
        .allSatisfy(t -> assertThat(t.path("status").asString()).isEqualTo("SUCCEEDED"));
    assertThat(finals).anySatisfy(t -> assertThat(t.path("attempts").asInt()).isGreaterThan(1));
    // a final status is final: asking again later gives the same answer
    for (int i = 0; i < locations.size(); i++) {
      JsonNode again = api.get(locations.get(i)).json();
      assertThat(again.path("completedAt")).isEqualTo(finals.get(i).path("completedAt"));
      assertThat(again.path("workerId")).isEqualTo(finals.get(i).path("workerId"));
    }
  }

  @Test
  void stoppedWorkerFinishesTheJobsItHolds() {
    List<String> locations = submitMany(6, "{\"sleepMs\":1000}");
    JsonNode running = awaitRunningOnAny(locations);
    String location = "/v1/requests/" + running.path("id").asString();
    SluiceProcess stopped = workerNamed(running.path("workerId").asString());

    stopped.close(); // SIGTERM, and wait until it exited

    JsonNode done = awaitFinal(api, location, Duration.ofSeconds(30));
    assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("workerId").asString()).isEqualTo(stopped.name());
    assertThat(done.path("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void jobLongerThanTheGracePeriodGoesBackToTheQueue() {
    List<String> locations = submitMany(4, "{\"sleepMs\":6000}");
    JsonNode running = awaitRunningOnAny(locations);
    String location = "/v1/requests/" + running.path("id").asString();
    SluiceProcess stopped = workerNamed(running.path("workerId").asString());

    stopped.close();

    JsonNode done = awaitFinal(api, location, Duration.ofSeconds(60));
    assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.path("workerId").asString()).isNotEqualTo(stopped.name());
    assertThat(done.path("attempts").asInt()).isGreaterThan(1);
  }

  @Test
  void thousandsOfJobsSurviveWorkersKilledAndRestartedAtRandom() throws Exception {
    int jobs = 3000;
    int killsWanted = 3;
    List<String> accepted = Collections.synchronizedList(new ArrayList<>());
    var random = new Random(42);
    int[] kills = {0};
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var chaos =
          executor.submit(
              () -> {
                while (kills[0] < killsWanted) {
                  TimeUnit.MILLISECONDS.sleep(1000 + random.nextInt(1000));
                  int i = random.nextInt(workers.length);
                  workers[i].kill();
                  kills[0]++;
                  workers[i] = SluiceProcess.worker(NAMESPACE, "worker-" + i, ENV);
                  workers[i].awaitReady();
                }
                return null;
              });
      var submitters = new ArrayList<java.util.concurrent.Future<?>>();
      for (int t = 0; t < 8; t++) {
        submitters.add(
            executor.submit(
                () -> {
                  for (int n = 0; n < jobs / 8; n++) {
                    Reply reply = api.submit("simulate", "{\"sleepMs\":50}");
                    if (reply.status() == 202) {
                      accepted.add(reply.header("Location"));
                    }
                  }
                }));
      }
      for (var submitter : submitters) {
        submitter.get();
      }
      chaos.get();
    }

    int succeeded = 0;
    int rerun = 0;
    for (String location : accepted) {
      JsonNode ticket = awaitFinal(api, location, Duration.ofSeconds(120));
      assertThat(ticket.path("status").asString()).as(location).isEqualTo("SUCCEEDED");
      // the recorded result is the one of the attempt the ticket names: recorded once
      assertThat(ticket.path("result").path("attempt").asInt())
          .isEqualTo(ticket.path("attempts").asInt());
      succeeded++;
      rerun += ticket.path("attempts").asInt() > 1 ? 1 : 0;
    }
    System.out.printf(
        "chaos: submitted %d, accepted %d, succeeded %d, run more than once %d, workers killed %d%n",
        jobs, accepted.size(), succeeded, rerun, kills[0]);
    assertThat(accepted).hasSize(jobs);
    assertThat(succeeded).isEqualTo(accepted.size());
    assertThat(kills[0]).isEqualTo(killsWanted);
  }

  private static List<String> submitMany(int count, String payload) {
    var locations = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      Reply reply = api.submit("simulate", payload);
      assertThat(reply.status()).isEqualTo(202);
      locations.add(reply.header("Location"));
    }
    return locations;
  }

  private static JsonNode awaitRunningOnAny(List<String> locations) {
    return await("a job running")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                locations.stream()
                    .map(l -> api.get(l).json())
                    .filter(t -> "RUNNING".equals(t.path("status").asString()))
                    .findFirst()
                    .orElse(null),
            t -> t != null);
  }

  private static SluiceProcess workerNamed(String name) {
    for (SluiceProcess worker : workers) {
      if (worker.name().equals(name)) {
        return worker;
      }
    }
    throw new IllegalStateException("no worker " + name);
  }
}
