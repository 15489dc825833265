package dev.sluice.ingress.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ingress.IngressApplication;
import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** API keys, roles, ticket isolation and per-client limits against a real ingress. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("auth");
  private static final String ALICE = "alice-" + UUID.randomUUID();
  private static final String BOB = "bob-" + UUID.randomUUID();
  private static final String ADMIN = "admin-" + UUID.randomUUID();
  private static final String CAROL = "carol-" + UUID.randomUUID();
  private static final String DAVE = "dave-" + UUID.randomUUID();
  private static final List<String> SECRETS = new ArrayList<>();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
    registry.add("sluice.auth.mode", () -> "api-key");
    client(registry, "alice", ALICE, "submit");
    client(registry, "bob", BOB, "submit");
    client(registry, "ops", ADMIN, "admin");
    client(registry, "carol", CAROL, "submit");
    registry.add("sluice.auth.clients.carol.rate-per-second", () -> "0.2");
    registry.add("sluice.auth.clients.carol.burst", () -> "2");
    client(registry, "dave", DAVE, "submit");
    registry.add("sluice.auth.clients.dave.max-pending", () -> "2");
  }

  private static void client(
      DynamicPropertyRegistry registry, String id, String key, String roles) {
    String hash = HexFormat.of().formatHex(ApiKeyAuthenticator.sha256(key));
    SECRETS.add(key);
    SECRETS.add(hash);
    registry.add("sluice.auth.clients." + id + ".key-sha256", () -> hash);
    registry.add("sluice.auth.clients." + id + ".roles", () -> roles);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop();
    NAMESPACE.delete(TestServices.get());
  }

  @LocalServerPort int port;
  private final List<Reply> answers = new ArrayList<>();

  @Test
  void requestWithoutOrWithAWrongKeyIsUnauthorized() {
    for (String key : new String[] {null, "wrong", ALICE + "x"}) {
      Reply reply = call("GET", "/v1/admin/dead-letters", key, null, Map.of());
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/unauthorized");
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }
    assertThat(call("POST", "/v1/requests", null, "{\"type\":\"echo\"}", Map.of()).status())
        .isEqualTo(401);
  }

  @Test
  void anotherClientsTicketIsNotFoundEverywhere() {
    String location = submit(ALICE, "{\"type\":\"echo\"}", Map.of()).header("Location");
    String unknown = "/v1/requests/019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d";

    assertThat(call("GET", location, ALICE, null, Map.of()).status()).isEqualTo(200);
    for (String[] attempt :
        new String[][] {
          {"GET", location},
          {"GET", location + "?wait=1"},
          {"DELETE", location},
          {"POST", location + "/callback/redeliver"}
        }) {
      Reply reply =
          call(attempt[0], attempt[1], BOB, attempt[0].equals("POST") ? "" : null, Map.of());
      assertThat(reply.status()).as(attempt[0] + " " + attempt[1]).isEqualTo(404);
      assertThat(reply.problemType()).isEqualTo("https://sluice.dev/problems/not-found");
    }
    // and it looks exactly like an id that does not exist
    assertThat(call("GET", unknown, BOB, null, Map.of()).json().path("title"))
        .isEqualTo(call("GET", location, BOB, null, Map.of()).json().path("title"));
    assertThat(call("GET", location, ALICE, null, Map.of()).json().path("status").asString())
        .isEqualTo("QUEUED");
  }

  @Test
  void adminApiNeedsTheAdminRole() {
    Reply refused = call("GET", "/v1/admin/dead-letters", ALICE, null, Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/forbidden");

    assertThat(call("GET", "/v1/admin/dead-letters", ADMIN, null, Map.of()).status())
        .isEqualTo(200);
    assertThat(submit(ADMIN, "{\"type\":\"echo\"}", Map.of()).status()).isEqualTo(403);
  }

  @Test
  void idempotencyKeysArePerClient() {
    String key = UUID.randomUUID().toString();
    Reply alice = submit(ALICE, "{\"type\":\"echo\"}", Map.of("Idempotency-Key", key));
    Reply bob =
        submit(BOB, "{\"type\":\"echo\",\"payload\":{\"x\":1}}", Map.of("Idempotency-Key", key));

    assertThat(alice.status()).isEqualTo(202);
    assertThat(bob.status()).isEqualTo(202);
    assertThat(bob.json().path("id").asString()).isNotEqualTo(alice.json().path("id").asString());
  }

  @Test
  void submitsOverTheClientsRateAreRefusedWithRetryAfter() {
    assertThat(submit(CAROL, "{\"type\":\"echo\"}", Map.of()).status()).isEqualTo(202);
    assertThat(submit(CAROL, "{\"type\":\"echo\"}", Map.of()).status()).isEqualTo(202);

    Reply limited = submit(CAROL, "{\"type\":\"echo\"}", Map.of());

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.problemType()).isEqualTo("https://sluice.dev/problems/rate-limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
    // another client is not affected
    assertThat(submit(ALICE, "{\"type\":\"echo\"}", Map.of()).status()).isEqualTo(202);
  }

  @Test
  void clientAtItsPendingCapIsRefusedUntilOneIsDone() {
    String first = submit(DAVE, "{\"type\":\"echo\"}", Map.of()).header("Location");
    assertThat(submit(DAVE, "{\"type\":\"echo\"}", Map.of()).status()).isEqualTo(202);

    Reply refused = submit(DAVE, "{\"type\":\"echo\"}", Map.of());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/too-many-pending");
    assertThat(refused.header("Retry-After")).isNotBlank();

    assertThat(call("DELETE", first, DAVE, null, Map.of()).status()).isEqualTo(200);
    assertThat(submit(DAVE, "{\"type\":\"echo\"}", Map.of()).status()).isEqualTo(202);
  }

  @Test
  void onlyHealthAndPrometheusAreExposed() {
    assertThat(call("GET", "/actuator/health", null, null, Map.of()).status()).isEqualTo(200);
    assertThat(call("GET", "/actuator/prometheus", null, null, Map.of()).status()).isEqualTo(200);
    for (String path :
        new String[] {
          "/actuator/env", "/actuator/info", "/actuator/beans", "/actuator/configprops"
        }) {
      assertThat(call("GET", path, null, null, Map.of()).status()).as(path).isEqualTo(404);
    }
  }

  @Test
  void tooManyHeadersOrAnOverlongTypeAreRefused() {
    var headers = new java.util.LinkedHashMap<String, String>();
    for (int i = 0; i < 70; i++) {
      headers.put("X-Extra-" + i, "v");
    }
    Reply many = submit(ALICE, "{\"type\":\"echo\"}", headers);
    assertThat(many.status()).isEqualTo(400);
    assertThat(many.problemType()).isEqualTo("https://sluice.dev/problems/invalid-request");

    Reply longType = submit(ALICE, "{\"type\":\"" + "x".repeat(300) + "\"}", Map.of());
    assertThat(longType.status()).isEqualTo(400);
    assertThat(longType.json().path("detail").asString().length()).isLessThan(300);
  }

  @Test
  void noKeyOrKeyHashEverAppearsInAnAnswer() {
    requestWithoutOrWithAWrongKeyIsUnauthorized();
    anotherClientsTicketIsNotFoundEverywhere();
    adminApiNeedsTheAdminRole();

    assertThat(answers).isNotEmpty();
    for (Reply reply : answers) {
      String text = reply.response().headers().map() + reply.response().body();
      for (String secret : SECRETS) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  @Test
  void apiKeyModeWithoutClientsRefusesToStart() {
    var application =
        new SpringApplicationBuilder(IngressApplication.class)
            .properties(
                "server.port=0",
                "sluice.namespace=" + NAMESPACE.value(),
                "sluice.auth.mode=api-key",
                "spring.rabbitmq.port=" + TestServices.get().rabbitPort(),
                "spring.data.redis.port=" + TestServices.get().redisPort());

    assertThatThrownBy(application::run)
        .rootCause()
        .hasMessageContaining("no client is configured")
        .hasMessageContaining("sluice.auth.mode=none");
  }

  private Reply submit(String key, String body, Map<String, String> headers) {
    return call("POST", "/v1/requests", key, body, headers);
  }

  private Reply call(
      String method, String path, String key, String body, Map<String, String> headers) {
    var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    headers.forEach(builder::header);
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      Reply reply = new Reply(HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
      answers.add(reply);
      return reply;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
