package dev.sluice.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import dev.sluice.testing.deploy.DeploymentFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's ingress, started with the stack's own JVM options
 * (scripts/lib/java-options.sh): a burst of connections gets 202s and polite 503s, and the small
 * heap must still hold what Tomcat keeps for good after it, or the ingress collects its whole heap
 * over and over from then on.
 */
class StackIngressBurstIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("stackburst");
  private static final String ECHO = "{\"hello\":\"world\"}";
  private static final String BUSY = "https://sluice.dev/problems/busy";

  @AfterAll
  static void deleteNamespace() {
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void afterABurstOf256ConnectionsTheIngressServesWithoutFullCollections() throws Exception {
    try (SluiceProcess ingress =
        SluiceProcess.ingressWithJavaOptions(NAMESPACE, stackIngressOptions()).awaitReady()) {
      SluiceApi api = SluiceApi.onPort(ingress.port());

      Map<Integer, Long> burst = submitConcurrently(api, 256, 10);
      // the first collections after the burst clear what it promoted and left dead (1 to 4 of
      // them, full ones): not what this test is about
      submitConcurrently(api, 64, 50);
      long before = fullCollections(api);
      Map<Integer, Long> after = submitConcurrently(api, 64, 150);
      long during = fullCollections(api) - before;

      // beyond the stack's max-in-flight (100), a polite refusal; nothing else
      assertThat(burst.keySet()).as("answers to the burst").containsAnyOf(202).isSubsetOf(202, 503);
      assertThat(after).as("answers after the burst").containsOnlyKeys(202);
      // before Tomcat's processor cache was bounded: one about every half second of this load
      assertThat(during)
          .as("full collections while serving 64 x 150 requests after the burst")
          .isLessThanOrEqualTo(2);
    }
  }

  /** What scripts/stack starts the ingress with, unless SLUICE_INGRESS_JAVA_OPTIONS says else. */
  private static List<String> stackIngressOptions() throws IOException, InterruptedException {
    var builder =
        new ProcessBuilder(
                "bash",
                "-c",
                "source scripts/lib/java-options.sh && printf '%s' \"$INGRESS_JAVA_OPTIONS\"")
            .directory(DeploymentFiles.ofThisRepository().root().toFile())
            .redirectErrorStream(true);
    builder.environment().remove("SLUICE_INGRESS_JAVA_OPTIONS");
    Process bash = builder.start();
    String options = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(10, TimeUnit.SECONDS) && bash.exitValue() == 0).as(options).isTrue();
    assertThat(options).contains("-Xmx");
    return Arrays.asList(options.trim().split("\\s+"));
  }

  /**
   * Each of {@code clients} sends {@code each} submits, one after another, all at once; returns how
   * many got each status. A 503 must be the ingress's {@code busy}.
   */
  private static Map<Integer, Long> submitConcurrently(SluiceApi api, int clients, int each)
      throws Exception {
    var statuses = new ConcurrentHashMap<Integer, Long>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var sent = new ArrayList<Future<?>>();
      for (int c = 0; c < clients; c++) {
        sent.add(
            executor.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    Reply reply = api.submit("echo", ECHO);
                    if (reply.status() == 503) {
                      assertThat(reply.problemType()).isEqualTo(BUSY);
                    }
                    statuses.merge(reply.status(), 1L, Long::sum);
                  }
                  return null;
                }));
      }
      for (Future<?> client : sent) {
        client.get(5, TimeUnit.MINUTES);
      }
    }
    return statuses;
  }

  /** Full (major) collections since the ingress started, by its own JVM metrics. */
  private static long fullCollections(SluiceApi api) {
    String metrics =
        api.get("/actuator/prometheus?includedNames=jvm_gc_pause_seconds").response().body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("jvm_gc_pause_seconds_count{"))
        .filter(line -> line.contains("action=\"end of major GC\""))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
