package dev.sluice.ingress.submit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A few thousand malformed or hostile submits: each must get a 4xx problem answer, none may create
 * a ticket, and the ingress must stay healthy.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sluice.upstreams.orders.base-url=http://127.0.0.1:9/api")
class HostileInputIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("hostile");

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop();
    NAMESPACE.delete(TestServices.get());
  }

  @LocalServerPort int port;

  @Test
  void everyHostileRequestGetsA4xxProblemAndTheIngressStaysHealthy() {
    var random = new Random(20261128);
    List<Supplier<HttpRequest>> kinds =
        List.of(
            () -> post(randomBytes(random, 1 + random.nextInt(2000)), "application/json"),
            () -> post(utf8("[".repeat(5_000 + random.nextInt(50_000))), "application/json"),
            () ->
                post(
                    utf8(
                        "{\"type\":\"echo\",\"payload\":"
                            + "{\"a\":".repeat(3_000)
                            + "1"
                            + "}".repeat(3_001)),
                    "application/json"),
            () ->
                post(
                    utf8(
                        "{\"type\":\"echo\",\"maxAttempts\":1"
                            + "0".repeat(random.nextInt(5_000))
                            + "}"),
                    "application/json"),
            () ->
                post(
                    utf8("{\"type\":\"echo\",\"timeoutMs\":1e" + random.nextInt(100_000) + "}"),
                    "application/json"),
            () ->
                post(
                    utf8("{\"type\":\"echo\",\"maxAttempts\":-" + random.nextInt() + "}"),
                    "application/json"),
            () -> post(utf8("{\"type\":\"" + unicodeEdge(random) + "\"}"), "application/json"),
            () ->
                post(
                    utf8("{\"type\":\"echo\",\"payload\":\"" + unicodeEdge(random) + "\"}"),
                    "application/json"),
            () ->
                post(
                    utf8("{\"type\":\"echo\",\"callbackUrl\":\"" + unicodeEdge(random) + "\"}"),
                    "application/json"),
            () ->
                post(
                    utf8("{\"type\":\"echo\"}"),
                    "application/json; charset=" + unicodeEdge(random).replace("\"", "")),
            () -> post(utf8("{\"type\":\"echo\"}"), "text/json"),
            () -> post(utf8("{\"type\":\"echo\"}{\"type\":\"echo\"}"), "application/json"),
            () ->
                post(
                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                    "application/json"),
            () -> withHeader("Idempotency-Key", "key%0d%0aSet-Cookie:%20x=" + random.nextInt()),
            () -> withHeader("Idempotency-Key", "a".repeat(256 + random.nextInt(4_000))),
            () -> withHeader("Idempotency-Key", "clé-" + random.nextInt()),
            () -> withHeader("Content-Length", "abc"));
    SluiceApi api = SluiceApi.onPort(port);
    long ticketsBefore = NAMESPACE.ticketCount(TestServices.get());
    var failures = new ArrayList<String>();

    int sent = 0;
    for (int i = 0; i < 3_000; i++) {
      HttpRequest request;
      try {
        request = kinds.get(i % kinds.size()).get();
      } catch (IllegalArgumentException refusedByTheClientItself) {
        continue; // java.net.http will not even send some header values
      }
      Reply reply = api.send(request);
      sent++;
      boolean problem =
          reply.contentType() != null && reply.contentType().startsWith("application/problem+json");
      if (reply.status() < 400 || reply.status() >= 500 || !problem) {
        failures.add(
            "kind " + (i % kinds.size()) + ": " + reply.status() + " " + reply.contentType());
      }
    }

    System.out.printf(
        "hostile input: %d requests sent, %d not answered with a 4xx problem%n",
        sent, failures.size());
    assertThat(failures).isEmpty();
    assertThat(sent).isGreaterThan(2_500);
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(ticketsBefore);
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    assertThat(api.submit("echo", "{}").status()).isEqualTo(202);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'upstream': 'orders', 'path': 'http://169.254.169.254/latest/meta-data'}",
        "{'upstream': 'orders', 'path': '//169.254.169.254/x'}",
        "{'upstream': 'orders', 'path': '/../admin'}",
        "{'upstream': 'orders', 'path': '/a/%2e%2e/%2e%2e/admin'}",
        "{'upstream': 'orders', 'path': '/a%2f..%2fadmin'}",
        "{'upstream': 'orders', 'path': '/a\\\\b'}",
        "{'upstream': 'orders', 'path': '/x#frag'}",
        "{'upstream': 'orders', 'path': '/x', 'headers': {'Host': 'evil.example'}}",
        "{'upstream': 'orders', 'path': '/x', 'headers': {'X-Forwarded-Host': 'evil.example'}}",
        "{'upstream': 'orders', 'path': '/x', 'headers': {'Transfer-Encoding': 'chunked'}}",
        "{'upstream': 'orders', 'path': '/x', 'headers': {'X-A': 'a\\r\\nHost: evil'}}",
        "{'upstream': 'orders', 'path': '/x', 'method': 'CONNECT'}",
        "{'upstream': 'billing', 'path': '/x'}",
        "{'path': '/x'}"
      })
  void httpCallsThatCouldLeaveTheirUpstreamAreRefusedAtSubmit(String payload) {
    SluiceApi api = SluiceApi.onPort(port);
    long ticketsBefore = NAMESPACE.ticketCount(TestServices.get());

    Reply reply = api.submit("http", payload.replace('\'', '"'));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.problemType())
        .isIn(
            "https://sluice.dev/problems/invalid-payload",
            "https://sluice.dev/problems/unknown-upstream");
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(ticketsBefore);
  }

  @Test
  void aWellFormedHttpCallToAConfiguredUpstreamIsAccepted() {
    Reply reply =
        SluiceApi.onPort(port)
            .submit(
                "http",
                "{\"upstream\": \"orders\", \"method\": \"POST\", \"path\": \"/orders?x=1\","
                    + " \"headers\": {\"X-Trace\": \"t1\"}, \"body\": {\"item\": 7}}");

    assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
  }

  private HttpRequest post(byte[] body, String contentType) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/requests"))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private HttpRequest withHeader(String name, String value) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/requests"))
        .header("Content-Type", "application/json")
        .header(name, value)
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"nope\"}"))
        .build();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Strings that trip careless code: lone surrogates, NUL, bidi overrides, long combiners. */
  private static String unicodeEdge(Random random) {
    String[] edges = {
      "\\ud800",
      "\\udfff",
      "\\u0000",
      "\u202e\u202d",
      "\ufeff",
      "e\u0301".repeat(500),
      "\ud83d\ude00".repeat(300),
      "\\\\\\\"",
      "\u2028\u2029",
      "%00%0a"
    };
    return edges[random.nextInt(edges.length)];
  }
}
