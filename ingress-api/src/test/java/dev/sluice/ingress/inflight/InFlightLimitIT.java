package dev.sluice.ingress.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingress's bound on requests in progress, against a real broker and Redis with no worker:
 * requests are held in progress by long polls on a QUEUED ticket and by submits whose body has not
 * all arrived yet.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sluice.ingress.max-in-flight=4", "sluice.ingress.max-long-polls=2"})
class InFlightLimitIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("inflight");
  private static final String SUBMIT = "{\"type\":\"echo\",\"payload\":{}}";

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @Test
  void beyondMaxInFlightRequestsAreRefusedAtOnceAndTheirPermitsComeBack(CapturedOutput log)
      throws Exception {
    SluiceApi api = SluiceApi.onPort(port);
    String location = api.submit("echo", "{}").header("Location");
    var http = HttpClient.newHttpClient();
    var longPoll =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location + "?wait=30"))
            .build();
    List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      waiting.add(http.sendAsync(longPoll, HttpResponse.BodyHandlers.ofString()));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 2);

    // a third long poll finds both long-poll slots taken: a plain poll, answered at once
    Reply third = api.get(location + "?wait=30");
    assertThat(third.status()).isEqualTo(200);
    assertThat(third.json().get("status").asString()).isEqualTo("QUEUED");
    assertThat(third.header("Retry-After")).isEqualTo("1");
    assertThat(meters.counter("sluice.long.polls.declined").count()).isEqualTo(1);

    try (var first = new SlowSubmit(port);
        var second = new SlowSubmit(port)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 4);

      Reply refused = api.submit(SUBMIT);
      assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
      assertThat(refused.problemType()).isEqualTo("https://sluice.dev/problems/busy");
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.header("Retry-After")).isEqualTo("5");
      assertThat(refused.json().get("title").asString()).isEqualTo("Too many requests in progress");
      assertThat(refused.json().get("status").asInt()).isEqualTo(503);
      assertThat(refused.json().get("instance").asString()).isEqualTo("/v1/requests");
      assertThat(refused.json().get("detail").asString()).contains("4 requests are in progress");
      assertThat(api.get(location).problemType()).isEqualTo("https://sluice.dev/problems/busy");
      assertThat(meters.counter("sluice.api.busy").count()).isEqualTo(2);
      assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(1);
      assertThat(
              meters.find("http.server.requests").tag("status", "503").timers().stream()
                  .mapToLong(Timer::count)
                  .sum())
          .as("refusals are observed like every other answer")
          .isEqualTo(2);
      assertThat(log.getOut())
          .as("refusals are counted, not logged")
          .doesNotContain("Answering 503");
      // probes are not behind the bound: a full ingress is busy, not broken
      assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

      assertThat(first.finish()).startsWith("HTTP/1.1 202");
      assertThat(second.finish()).startsWith("HTTP/1.1 202");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 2);

    // refusals of every kind give their permit back: more of them than the bound
    for (int i = 0; i < 6; i++) {
      assertThat(api.submit("{\"type\":\"nope\",\"payload\":{}}").status()).isEqualTo(400);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 2);
    assertThat(api.submit(SUBMIT).status()).isEqualTo(202);

    api.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location)).DELETE().build());
    for (var poll : waiting) {
      assertThat(poll.get(10, TimeUnit.SECONDS).body()).contains("\"status\":\"CANCELLED\"");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
    assertThat(NAMESPACE.ticketCount(TestServices.get())).isEqualTo(4);
  }

  private double inFlight() {
    return meters.get("sluice.api.in.flight").gauge().value();
  }

  /** A submit whose headers and first half of the body are sent; {@link #finish} sends the rest. */
  private static final class SlowSubmit implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    SlowSubmit(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      byte[] body = SUBMIT.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /v1/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
    }

    /** Sends the rest of the body and returns the response. */
    String finish() throws IOException {
      byte[] body = SUBMIT.getBytes(StandardCharsets.UTF_8);
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
