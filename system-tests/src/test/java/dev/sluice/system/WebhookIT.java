package dev.sluice.system;

import static dev.sluice.system.Tickets.awaitFinal;
import static dev.sluice.system.Tickets.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed webhooks from the packaged ingress to a real HTTP receiver, retried on a short schedule
 * (three more tries, 500 ms apart).
 */
class WebhookIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("webhooks");
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Map<String, String> ENV =
      Map.of(
          "SLUICE_WEBHOOKS_SECRET", SECRET,
          "SLUICE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true",
          "SLUICE_WEBHOOKS_RETRY_SCHEDULE", "500ms,500ms,500ms");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static WebhookReceiver receiver;
  private static SluiceProcess ingress;
  private static SluiceProcess worker;
  private static SluiceApi api;

  @BeforeAll
  static void start() {
    receiver = new WebhookReceiver();
    ingress = SluiceProcess.ingress(NAMESPACE, ENV);
    worker = SluiceProcess.worker(NAMESPACE, "worker-1", ENV);
    ingress.awaitReady();
    worker.awaitReady();
    api = SluiceApi.onPort(ingress.port());
  }

  @AfterAll
  static void stop() {
    worker.close();
    ingress.close();
    receiver.close();
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void finalTicketIsPostedSignedAndVerifiable() {
    String location = submit(receiver.url("/signed"));

    JsonNode callback = awaitCallback(location, "DELIVERED");

    var received = receiver.received("/signed");
    assertThat(received).hasSize(1);
    var request = received.getFirst();
    assertThat(request.header("content-type")).startsWith("application/json");
    assertThat(
            new StandardWebhookVerifier(SECRET)
                .verify(
                    request.header("webhook-id"),
                    request.header("webhook-timestamp"),
                    request.body(),
                    request.header("webhook-signature")))
        .isTrue();
    assertThat(Long.parseLong(request.header("webhook-timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
    JsonNode posted = JSON.readTree(request.body());
    assertThat(posted.path("id").asString()).isEqualTo(idOf(location));
    assertThat(posted.path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(posted.path("result").path("n").asInt()).isEqualTo(1);
    assertThat(callback.path("attempts").asInt()).isEqualTo(1);
    assertThat(callback.path("lastStatusCode").asInt()).isEqualTo(200);
  }

  @Test
  void failedTriesAreRetriedWithTheSameWebhookId() {
    String location = submit(receiver.url("/flaky", 500, 503));

    JsonNode callback = awaitCallback(location, "DELIVERED");

    var received = receiver.received("/flaky");
    assertThat(received).hasSize(3);
    assertThat(received)
        .extracting(r -> r.header("webhook-id"))
        .containsOnly(received.getFirst().header("webhook-id"));
    assertThat(callback.path("attempts").asInt()).isEqualTo(3);
  }

  @Test
  void goneStopsRetrying() {
    String location = submit(receiver.url("/gone", 410));

    JsonNode callback = awaitCallback(location, "FAILED");

    assertThat(callback.path("attempts").asInt()).isEqualTo(1);
    assertThat(callback.path("lastStatusCode").asInt()).isEqualTo(410);
    assertThat(receiver.received("/gone")).hasSize(1);
  }

  @Test
  void webhookFailsWhenTheScheduleIsUsedUp() {
    String location = submit(receiver.url("/down", 500, 500, 500, 500, 500));

    JsonNode callback = awaitCallback(location, "FAILED");

    assertThat(callback.path("attempts").asInt()).isEqualTo(4);
    assertThat(callback.path("lastStatusCode").asInt()).isEqualTo(500);
    assertThat(receiver.received("/down")).hasSize(4);
  }

  @Test
  void redirectsAreNotFollowed() {
    String location = submit(receiver.url("/moved", 301, 302, 307, 308));

    JsonNode callback = awaitCallback(location, "FAILED");

    assertThat(callback.path("attempts").asInt()).isEqualTo(4);
    assertThat(callback.path("lastStatusCode").asInt()).isEqualTo(308);
    assertThat(receiver.received("/moved")).hasSize(4);
  }

  @Test
  void unreachableReceiverIsRetriedAndReportsTheError() {
    String location = submit("http://127.0.0.1:" + Ports.free() + "/nobody");

    JsonNode callback = awaitCallback(location, "FAILED");

    assertThat(callback.path("attempts").asInt()).isEqualTo(4);
    assertThat(callback.path("lastError").asString()).isNotBlank();
    assertThat(callback.path("lastStatusCode").isNull()).isTrue();
  }

  @Test
  void redeliverSendsTheSameEventAgain() {
    String location = submit(receiver.url("/again"));
    awaitCallback(location, "DELIVERED");

    Reply redelivered = api.post(location + "/callback/redeliver", "application/json", "");

    assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/again").size() == 2);
    var received = receiver.received("/again");
    assertThat(received.get(1).header("webhook-id"))
        .isEqualTo(received.get(0).header("webhook-id"));
    assertThat(awaitCallback(location, "DELIVERED").path("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void redeliverOfATicketWithoutCallbackIsRefused() {
    String location = api.submit("echo", "{}").header("Location");
    awaitFinal(api, location, Duration.ofSeconds(20));

    Reply refused = api.post(location + "/callback/redeliver", "application/json", "");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/not-redeliverable");
  }

  private static String submit(String callbackUrl) {
    Reply reply =
        api.submit(
            "{\"type\":\"echo\",\"payload\":{\"n\":1},\"callbackUrl\":\"" + callbackUrl + "\"}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
    return reply.header("Location");
  }

  private static JsonNode awaitCallback(String location, String status) {
    return await("callback " + status + " of " + location)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> api.get(location).json().path("callback"),
            callback -> status.equals(callback.path("status").asString()));
  }
}
