package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Broker and Redis outages under load, on a RabbitMQ node and a Redis server of this test's own:
 * submits during an outage get a quick 503 rather than hanging, ingress and worker reconnect by
 * themselves, and no accepted ticket is lost.
 */
class OutageIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("outage");

  /** A request that takes longer than this counts as hanging. */
  private static final Duration HANG = Duration.ofSeconds(8);

  private static PrivateBroker broker;
  private static PrivateRedis redis;
  private static SluiceProcess ingress;
  private static SluiceProcess worker;
  private static SluiceApi api;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startStack() {
    assumeTrue(
        PrivateBroker.installed() && PrivateRedis.installed(),
        "needs rabbitmq-server and redis-server installed locally");
    broker = PrivateBroker.start();
    redis = PrivateRedis.start();
    Map<String, String> env = new HashMap<>(SluiceProcess.services(broker.port(), redis.port()));
    env.put("SPRING_RABBITMQ_USERNAME", "guest");
    env.put("SPRING_RABBITMQ_PASSWORD", "guest");
    env.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
    env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
    env.put("SLUICE_INGRESS_PUBLISH_TIMEOUT", "2s");
    ingress = SluiceProcess.ingress(NAMESPACE, env);
    worker = SluiceProcess.worker(NAMESPACE, "worker-1", env);
    ingress.awaitReady();
    worker.awaitReady();
    api = SluiceApi.onPort(ingress.port());
  }

  @AfterAll
  static void stopStack() {
    for (AutoCloseable closeable : new AutoCloseable[] {ingress, worker, broker, redis}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          System.err.println("could not stop " + closeable + ": " + e);
        }
      }
    }
  }

  @Test
  void brokerRestartUnderLoadLosesNoAcceptedTicket() {
    List<String> accepted = submitAccepted(200, "{\"sleepMs\":20}");

    broker.stopApp();
    for (int i = 0; i < 5; i++) {
      Reply refused = submitWithin(HANG);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
      assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/broker-unavailable");
      assertThat(refused.header("Retry-After")).isNotBlank();
    }
    broker.startApp();

    await("submits accepted again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> submitWithin(HANG).status() == 202);
    accepted.addAll(submitAccepted(50, "{}"));
    assertAllSucceed(accepted);
  }

  @Test
  void blockedBrokerAnswers503InsteadOfHanging() {
    broker.raiseMemoryAlarm();
    try {
      // the first publish after the alarm waits out the confirm timeout; then the ingress knows
      await("submits refused")
          .atMost(Duration.ofSeconds(30))
          .until(() -> submitWithin(HANG).status() == 503);
      Reply refused = submitWithin(Duration.ofSeconds(1));
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/broker-unavailable");
    } finally {
      broker.clearMemoryAlarm();
    }
    await("submits accepted again")
        .atMost(Duration.ofSeconds(30))
        .until(() -> submitWithin(HANG).status() == 202);
  }

  @Test
  void redisRestartLosesNoAcceptedTicketAndNoResult() {
    List<String> accepted = submitAccepted(100, "{\"sleepMs\":100}");

    redis.stop();
    Reply refused = submitWithin(HANG);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
    assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/store-unavailable");
    redis.startServer();

    await("submits accepted again")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> submitWithin(HANG).status() == 202);
    assertAllSucceed(accepted);
  }

  private static List<String> submitAccepted(int count, String payload) {
    var locations = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      Reply reply = api.submit("simulate", payload);
      assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
      locations.add(reply.header("Location"));
    }
    return locations;
  }

  private static void assertAllSucceed(List<String> locations) {
    for (String location : locations) {
      assertThat(awaitFinal(api, location, Duration.ofSeconds(90)).path("status").asString())
          .as(location)
          .isEqualTo("SUCCEEDED");
    }
  }

  /** A submit that must be answered within {@code limit}; a hang fails the test. */
  private static Reply submitWithin(Duration limit) {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/v1/requests"))
            .timeout(limit)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"echo\"}"))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("submit did not answer within " + limit, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
