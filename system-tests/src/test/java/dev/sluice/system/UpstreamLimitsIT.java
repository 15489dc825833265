package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.system.TestUpstream.Answer;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code http} handler against real backends, with three worker processes: the limits of an
 * upstream hold for the pool as a whole, a 429's Retry-After pauses the pool, a dead upstream opens
 * the breaker without its jobs using up their attempts, and a killed worker's permits come back.
 */
class UpstreamLimitsIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("upstreams");
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** Answers in 150 ms; at most 4 requests at once for the pool. */
  private static final TestUpstream narrow = new TestUpstream(n -> Answer.ok(150));

  /** Answers at once; at most 20 requests a second for the pool. */
  private static final TestUpstream paced = new TestUpstream(n -> Answer.ok(0));

  /** Answers its 10th request with 429 and Retry-After: 2. */
  private static final TestUpstream flaky =
      new TestUpstream(n -> n == 10 ? new Answer(429, 0, 2, 0) : Answer.ok(0));

  /** Knows nothing: every answer is 404. */
  private static final TestUpstream missing = new TestUpstream(n -> Answer.status(404));

  /** Answers with 2 KB of text, over its 1 KB limit. */
  private static final TestUpstream bulky = new TestUpstream(n -> new Answer(200, 0, null, 2048));

  /** Not listening until the test starts it. */
  private static final TestUpstream fragile = TestUpstream.down(n -> Answer.ok(0));

  /** Answers in 1 s; at most 3 at once; a permit's lease is its 3 s timeout plus 2 s. */
  private static final TestUpstream crashy = new TestUpstream(n -> Answer.ok(1000));

  private static final Map<String, String> ENV = new HashMap<>();

  private static SluiceProcess ingress;
  private static final SluiceProcess[] workers = new SluiceProcess[3];
  private static SluiceApi api;

  @BeforeAll
  static void startStack() {
    upstream("narrow", narrow, Map.of("MAXCONCURRENCY", "4", "RATEPERSECOND", "1000"));
    upstream("paced", paced, Map.of("MAXCONCURRENCY", "50", "RATEPERSECOND", "20"));
    upstream(
        "flaky",
        flaky,
        Map.of("MAXCONCURRENCY", "10", "RATEPERSECOND", "20", "PERMITWAIT", "500ms"));
    upstream(
        "fragile",
        fragile,
        Map.of(
            "TIMEOUT", "2s",
            "BREAKER_MINIMUMCALLS", "4",
            "BREAKER_WINDOW", "4",
            "BREAKER_OPENFOR", "4s",
            "BREAKER_HALFOPENCALLS", "1"));
    upstream("crashy", crashy, Map.of("MAXCONCURRENCY", "3", "TIMEOUT", "3s"));
    upstream("missing", missing, Map.of());
    upstream("bulky", bulky, Map.of("MAXRESPONSESIZE", "1KB"));
    ENV.put("SLUICE_WORKER_CONCURRENCY", "8");
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

  private static void upstream(String name, TestUpstream upstream, Map<String, String> settings) {
    String prefix = "SLUICE_UPSTREAMS_" + name.toUpperCase() + "_";
    ENV.put(prefix + "BASEURL", upstream.baseUrl());
    settings.forEach((key, value) -> ENV.put(prefix + key, value));
  }

  @AfterAll
  static void stopStack() {
    for (SluiceProcess worker : workers) {
      worker.close();
    }
    ingress.close();
    for (TestUpstream upstream : List.of(narrow, paced, flaky, fragile, crashy, missing, bulky)) {
      upstream.close();
    }
    NAMESPACE.delete(TestServices.get());
  }

  @BeforeEach
  void reviveWorkers() {
    for (int i = 0; i < workers.length; i++) {
      if (!workers[i].isAlive()) {
        workers[i] = SluiceProcess.worker(NAMESPACE, "worker-" + i, ENV).awaitReady();
      }
    }
  }

  @Test
  void theUpstreamNeverSeesMoreThanMaxConcurrencyFromThePool() {
    List<String> locations = submit("narrow", 60, 5);

    List<JsonNode> tickets = awaitAll(locations, Duration.ofSeconds(60));

    assertThat(tickets).allSatisfy(t -> assertSucceeded(t));
    assertThat(tickets.getFirst().path("result").path("status").asInt()).isEqualTo(200);
    assertThat(tickets.getFirst().path("result").path("body").path("request").isInt()).isTrue();
    // 24 consumers in 3 processes competed for 4 permits
    assertThat(narrow.maxInFlight()).isLessThanOrEqualTo(4).isGreaterThanOrEqualTo(3);
    assertThat(workersThatRan(tickets)).hasSizeGreaterThan(1);
  }

  @Test
  void aClientErrorIsTheJobsResultAndAnOversizedBodyFailsIt() {
    JsonNode notFound = awaitAll(submit("missing", 1, 3), Duration.ofSeconds(30)).getFirst();
    JsonNode oversized = awaitAll(submit("bulky", 1, 3), Duration.ofSeconds(30)).getFirst();

    assertSucceeded(notFound);
    assertThat(notFound.path("result").path("status").asInt()).isEqualTo(404);
    assertThat(oversized.path("status").asString()).isEqualTo("FAILED");
    assertThat(oversized.path("error").path("code").asString()).isEqualTo("response-too-large");
    assertThat(oversized.path("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void thePoolKeepsToTheRatePerSecond() {
    List<String> locations = submit("paced", 300, 5);

    awaitAll(locations, Duration.ofSeconds(60)).forEach(UpstreamLimitsIT::assertSucceeded);

    List<Long> arrivals =
        paced.requests().stream().map(TestUpstream.Request::arrivedAt).sorted().toList();
    long start = arrivals.getFirst();
    long inTenSeconds = arrivals.stream().filter(t -> t - start < 10 * SECOND).count();
    System.out.printf("paced upstream: %d requests in the first 10 s (limit 20/s)%n", inTenSeconds);
    assertThat(inTenSeconds).isBetween(180L, 220L);
  }

  @Test
  void aRetryAfterPausesThePoolWhileOtherJobsGoOn() {
    List<String> locations = submit("flaky", 80, 6);
    TestUpstream.Request throttled =
        await("a 429 from the upstream")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(10))
            .until(
                () -> flaky.requests().stream().filter(r -> r.status() == 429).findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();

    // other job types are served while the upstream is paused
    List<String> echoes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      echoes.add(api.submit("echo", "{\"n\":" + i + "}").header("Location"));
    }
    awaitAll(echoes, Duration.ofSeconds(5)).forEach(UpstreamLimitsIT::assertSucceeded);
    long echoesDone = System.nanoTime() - throttled.answeredAt();

    awaitAll(locations, Duration.ofSeconds(60)).forEach(UpstreamLimitsIT::assertSucceeded);
    long pausedFrom = throttled.answeredAt();
    // requests already past the gate when the 429 came may still land just after it
    long duringPause =
        flaky.requests().stream()
            .filter(r -> r.arrivedAt() > pausedFrom + SECOND * 3 / 10)
            .filter(r -> r.arrivedAt() < pausedFrom + SECOND * 18 / 10)
            .count();
    long firstAfter =
        flaky.requests().stream()
            .mapToLong(TestUpstream.Request::arrivedAt)
            .filter(t -> t > pausedFrom + SECOND * 3 / 10)
            .min()
            .orElseThrow();
    System.out.printf(
        "flaky upstream: first call %.2f s after the 429, echo jobs done %.2f s after it%n",
        (firstAfter - pausedFrom) / 1e9, echoesDone / 1e9);
    assertThat(duringPause).isZero();
    assertThat(firstAfter - pausedFrom).isBetween(SECOND * 18 / 10, SECOND * 4);
    assertThat(echoesDone).isLessThan(SECOND * 18 / 10);
  }

  @Test
  void aDeadUpstreamOpensTheBreakerAndItsJobsWaitInsteadOfFailing() {
    List<String> locations = submit("fragile", 30, 4);

    // the pool stops calling: jobs are deferred, again and again, while the upstream stays down
    await("jobs deferred by the open breaker")
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> deferrals("fragile"), count -> count >= 45);
    fragile.start();
    List<JsonNode> tickets = awaitAll(locations, Duration.ofSeconds(60));

    assertThat(tickets).allSatisfy(t -> assertSucceeded(t));
    int failedAttempts = tickets.stream().mapToInt(t -> t.path("attempts").asInt() - 1).sum();
    System.out.printf("fragile upstream: %d failed attempts over 30 jobs%n", failedAttempts);
    assertThat(failedAttempts).isLessThan(30);
  }

  @Test
  void permitsHeldByAKilledWorkerComeBack() {
    List<String> first = submit("crashy", 3, 3);
    await("all permits in use")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(crashy::inFlight, n -> n == 3);
    // RUNNING is reported once an attempt has run for 100 ms: wait for all three
    Set<String> holders =
        await("the three calls reported RUNNING")
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(
                () ->
                    first.stream()
                        .map(l -> api.get(l).json())
                        .filter(t -> "RUNNING".equals(t.path("status").asString()))
                        .map(t -> t.path("workerId").asString())
                        .toList(),
                running -> running.size() == 3)
            .stream()
            .collect(Collectors.toSet());
    for (SluiceProcess worker : workers) {
      if (holders.contains(worker.name())) {
        worker.kill();
      }
    }
    await("the killed workers' requests to drain")
        .atMost(Duration.ofSeconds(10))
        .until(crashy::inFlight, n -> n == 0);
    crashy.resetMaxInFlight();
    reviveWorkers();

    List<String> more = submit("crashy", 6, 3);
    await("all permits in use again")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(crashy::maxInFlight, n -> n == 3);
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    awaitAll(all, Duration.ofSeconds(60)).forEach(UpstreamLimitsIT::assertSucceeded);
    assertThat(crashy.maxInFlight()).isEqualTo(3);
    System.out.printf("crashy upstream: killed %s holding all 3 permits%n", holders);
  }

  private static List<String> submit(String upstream, int count, int maxAttempts) {
    var locations = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      Reply reply =
          api.submit(
              "{\"type\":\"http\",\"maxAttempts\":"
                  + maxAttempts
                  + ",\"payload\":{\"upstream\":\""
                  + upstream
                  + "\",\"method\":\"POST\",\"path\":\"/jobs?n="
                  + i
                  + "\",\"body\":{\"n\":"
                  + i
                  + "}}}");
      assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
      locations.add(reply.header("Location"));
    }
    return locations;
  }

  private static List<JsonNode> awaitAll(List<String> locations, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    var tickets = new ArrayList<JsonNode>();
    for (String location : locations) {
      Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
      tickets.add(awaitFinal(api, location, left));
    }
    return tickets;
  }

  private static void assertSucceeded(JsonNode ticket) {
    assertThat(ticket.path("status").asString()).as(ticket.toString()).isEqualTo("SUCCEEDED");
  }

  private static Set<String> workersThatRan(List<JsonNode> tickets) {
    return tickets.stream().map(t -> t.path("workerId").asString()).collect(Collectors.toSet());
  }

  private static final Pattern DEFERRALS =
      Pattern.compile("sluice_upstream_deferrals_total\\{([^}]*)} ([0-9.E+]+)");

  /**
   * Jobs for the upstream deferred by the live workers because it was paused or its breaker open.
   */
  private static long deferrals(String upstream) throws Exception {
    long total = 0;
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (SluiceProcess worker : workers) {
        if (!worker.isAlive()) {
          continue;
        }
        String metrics =
            http.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + worker.port() + "/actuator/prometheus"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher matcher = DEFERRALS.matcher(metrics);
        while (matcher.find()) {
          String labels = matcher.group(1);
          if (labels.contains("upstream=\"" + upstream + "\"")
              && (labels.contains("reason=\"paused\"")
                  || labels.contains("reason=\"circuit-open\""))) {
            total += (long) Double.parseDouble(matcher.group(2));
          }
        }
      }
    }
    return total;
  }
}
