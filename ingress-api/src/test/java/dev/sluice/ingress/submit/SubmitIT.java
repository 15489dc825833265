package dev.sluice.ingress.submit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.model.Namespace;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Submitting against a real broker and Redis, with no worker: what is accepted and refused. */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sluice.webhooks.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
class SubmitIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("submit");
  private static final String PROBLEM_JSON = "application/problem+json";

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @LocalServerPort int port;
  @Autowired RabbitAdmin admin;
  @Autowired Namespace namespace;

  private SluiceApi api;

  @BeforeEach
  void connect() {
    api = SluiceApi.onPort(port);
  }

  @Test
  void acceptedRequestGetsTicketWithLocationAndRetryAfter() {
    Reply reply = api.submit("echo", "{\"hello\":\"world\"}");

    assertThat(reply.status()).isEqualTo(202);
    String id = reply.json().path("id").asString();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(reply.header("Location")).isEqualTo("/v1/requests/" + id);
    assertThat(reply.header("Retry-After")).isEqualTo("1");
    assertThat(reply.json().path("status").asString()).isEqualTo("QUEUED");
    assertThat(reply.json().path("statusUrl").asString()).isEqualTo("/v1/requests/" + id);
    assertThat(reply.json().path("createdAt").asString()).isNotBlank();

    Reply ticket = api.ticket(id);
    assertThat(ticket.status()).isEqualTo(200);
    assertThat(ticket.json().path("status").asString()).isEqualTo("QUEUED");
    assertThat(ticket.json().path("type").asString()).isEqualTo("echo");
    assertThat(ticket.json().path("attempts").asInt()).isZero();
    assertThat(ticket.header("Retry-After")).isEqualTo("1");
  }

  @Test
  void acceptedRequestIsOnTheQueueBeforeTheAnswer() {
    long before = queueDepth();

    assertThat(api.submit("echo", "{}").status()).isEqualTo(202);

    assertThat(queueDepth()).isEqualTo(before + 1);
  }

  @Test
  void payloadMayBeLeftOut() {
    assertThat(api.submit("{\"type\":\"echo\"}").status()).isEqualTo(202);
  }

  @Test
  void malformedJsonIsRefused() {
    assertRefused(api.submit("{\"type\":\"echo\""), 400, "invalid-request");
  }

  @Test
  void missingTypeIsRefused() {
    Reply reply = api.submit("{\"payload\":{}}");

    assertRefused(reply, 400, "invalid-request");
    assertThat(reply.json().path("detail").asString()).contains("'type'");
  }

  @Test
  void unknownTypeIsRefused() {
    Reply reply = api.submit("resize", "{}");

    assertRefused(reply, 400, "unknown-job-type");
    assertThat(reply.json().path("detail").asString()).contains("resize").contains("echo");
  }

  @Test
  void nonObjectPayloadIsRefused() {
    assertRefused(api.submit("echo", "[1,2]"), 400, "invalid-request");
    assertRefused(api.submit("echo", "\"text\""), 400, "invalid-request");
  }

  @Test
  void unknownFieldIsRefused() {
    Reply reply = api.submit("{\"type\":\"echo\",\"payload\":{},\"priority\":9}");

    assertRefused(reply, 400, "invalid-request");
    assertThat(reply.json().path("detail").asString()).contains("priority");
  }

  @Test
  void attemptsAndTimeoutOutsideTheirBoundsAreRefused() {
    assertRefused(api.submit("{\"type\":\"echo\",\"maxAttempts\":0}"), 400, "invalid-request");
    assertRefused(api.submit("{\"type\":\"echo\",\"maxAttempts\":21}"), 400, "invalid-request");
    assertRefused(api.submit("{\"type\":\"echo\",\"timeoutMs\":0}"), 400, "invalid-request");
    assertRefused(api.submit("{\"type\":\"echo\",\"timeoutMs\":900001}"), 400, "invalid-request");
  }

  @Test
  void attemptsAndTimeoutWithinBoundsAreAccepted() {
    assertThat(api.submit("{\"type\":\"echo\",\"maxAttempts\":20,\"timeoutMs\":900000}").status())
        .isEqualTo(202);
  }

  @Test
  void callbackToAnInternalAddressIsRefusedAtSubmit() {
    for (String url :
        new String[] {"http://127.0.0.1/hook", "http://10.1.2.3/hook", "http://[::1]/hook"}) {
      Reply reply = api.submit("{\"type\":\"echo\",\"callbackUrl\":\"" + url + "\"}");
      assertRefused(reply, 400, "invalid-request");
      assertThat(reply.json().path("detail").asString()).contains("internal address");
    }
  }

  @Test
  void ticketShowsItsPendingCallback() {
    Reply accepted =
        api.submit("{\"type\":\"echo\",\"callbackUrl\":\"https://93.184.216.34/hook\"}");

    var callback = api.get(accepted.header("Location")).json().path("callback");
    assertThat(callback.path("url").asString()).isEqualTo("https://93.184.216.34/hook");
    assertThat(callback.path("status").asString()).isEqualTo("PENDING");
    assertThat(callback.path("attempts").asInt()).isZero();
  }

  @Test
  void typeOfWrongKindIsRefused() {
    assertRefused(api.submit("{\"type\":{\"a\":1}}"), 400, "invalid-request");
  }

  @Test
  void emptyBodyIsRefused() {
    assertRefused(api.post("/v1/requests", "application/json", ""), 400, "invalid-request");
  }

  @Test
  void wrongMediaTypeIsRefused() {
    assertRefused(
        api.post("/v1/requests", "text/plain", "{\"type\":\"echo\"}"),
        415,
        "unsupported-media-type");
  }

  @Test
  void bodyOverTheLimitIsRefused() {
    String big = "{\"type\":\"echo\",\"payload\":{\"a\":\"" + "x".repeat(300 * 1024) + "\"}}";

    assertRefused(api.submit(big), 413, "payload-too-large");
  }

  @Test
  void chunkedBodyOverTheLimitIsRefused() {
    String big = "{\"type\":\"echo\",\"payload\":{\"a\":\"" + "x".repeat(300 * 1024) + "\"}}";
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/requests"))
            .header("Content-Type", "application/json")
            // no length known up front: sent chunked
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big.getBytes())))
            .build();

    assertRefused(api.send(request), 413, "payload-too-large");
  }

  @Test
  void unknownIdIsNotFound() {
    assertRefused(api.ticket("019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d"), 404, "not-found");
    assertRefused(api.ticket("not-an-id"), 404, "not-found");
  }

  @Test
  void answersGoOutWholeWithTheirLengthRatherThanChunked() {
    Reply accepted = api.submit("echo", "{}");
    Reply ticket = api.ticket(accepted.json().path("id").asString());
    Reply refused = api.submit("{\"type\":\"echo\"");
    Reply notFound = api.ticket("not-an-id");

    for (Reply reply : List.of(accepted, ticket, refused, notFound)) {
      assertThat(reply.header("Transfer-Encoding")).as(reply.toString()).isNull();
      assertThat(reply.header("Content-Length"))
          .as(reply.toString())
          .isEqualTo(Integer.toString(reply.response().body().getBytes(UTF_8).length));
    }
  }

  @Test
  void refusedRequestsLeaveNoTicketAndNoMessage() {
    long ticketsBefore = NAMESPACE.ticketCount(TestServices.get());
    long queueBefore = queueDepth();

    api.submit("{\"type\":\"echo\"");
    api.submit("resize", "{}");
    api.submit("echo", "[1]");
    api.submit("{\"type\":\"echo\",\"extra\":1}");
    api.post("/v1/requests", "text/plain", "{\"type\":\"echo\"}");

    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(ticketsBefore);
    assertThat(queueDepth()).isEqualTo(queueBefore);
  }

  private long queueDepth() {
    var info = Objects.requireNonNull(admin.getQueueInfo(namespace.requestsQueue()));
    return info.getMessageCount();
  }

  private static void assertRefused(Reply reply, int status, String problem) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
    assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/" + problem);
    assertThat(reply.json().path("status").asInt()).isEqualTo(status);
    assertThat(reply.json().path("title").asString()).isNotBlank();
    assertThat(reply.json().path("detail").asString()).isNotBlank();
  }
}
