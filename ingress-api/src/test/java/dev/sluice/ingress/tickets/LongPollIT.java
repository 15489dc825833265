package dev.sluice.ingress.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Long polls and cancellation against a real ingress, broker and Redis, with no worker: tickets
 * stay QUEUED until the test cancels them.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sluice.ingress.max-in-flight=1100", "sluice.ingress.max-long-polls=1000"})
class LongPollIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("longpoll");

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
  @Autowired FinalNotifications notifications;

  @Test
  void aThousandWaitingPollsHoldFewPlatformThreadsAndAllWakeOnCancel() throws Exception {
    SluiceApi api = SluiceApi.onPort(port);
    String location = api.submit("echo", "{}").header("Location");
    var http =
        HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location + "?wait=25"))
            .build();
    List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();

    for (int i = 0; i < 1000; i++) {
      polls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> notifications.waiting() == 1000);
    int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
    api.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location)).DELETE().build());

    // every poll answers as soon as the ticket is final, long before its 25 s
    for (var poll : polls) {
      HttpResponse<String> response = poll.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"status\":\"CANCELLED\"");
    }
    System.out.printf("1000 waiting polls: %d platform threads in the JVM%n", platformThreads);
    assertThat(platformThreads).isLessThan(200);
    assertThat(notifications.waiting()).isZero();
  }

  @Test
  void pollOfANonFinalTicketAnswersWhenTheWaitRunsOut() {
    SluiceApi api = SluiceApi.onPort(port);
    String location = api.submit("echo", "{}").header("Location");

    Reply reply = api.get(location + "?wait=1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("status").asString()).isEqualTo("QUEUED");
    assertThat(reply.header("Retry-After")).isEqualTo("1");
  }

  @Test
  void pollOfAFinalTicketAnswersAtOnce() {
    SluiceApi api = SluiceApi.onPort(port);
    String location = api.submit("echo", "{}").header("Location");
    api.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location)).DELETE().build());

    var quick =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location + "?wait=30"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Reply reply = api.send(quick);

    assertThat(reply.json().path("status").asString()).isEqualTo("CANCELLED");
    assertThat(reply.header("Retry-After")).isNull();
  }

  @Test
  void negativeWaitIsRefused() {
    SluiceApi api = SluiceApi.onPort(port);
    String location = api.submit("echo", "{}").header("Location");

    assertThat(api.get(location + "?wait=-1").status()).isEqualTo(400);
  }

  @Test
  void cancellingAFinalTicketAnswers409WithItsStatus() {
    SluiceApi api = SluiceApi.onPort(port);
    String location = api.submit("echo", "{}").header("Location");
    var delete =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location)).DELETE().build();
    assertThat(api.send(delete).status()).isEqualTo(200);

    Reply again = api.send(delete);

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemType()).isEqualTo("https://sluice.dev/problems/already-final");
    assertThat(again.json().path("detail").asString()).contains("CANCELLED");
  }

  @Test
  void cancellingAnUnknownTicketIsNotFound() {
    SluiceApi api = SluiceApi.onPort(port);
    var delete =
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + port
                        + "/v1/requests/019ac3d2-5f1e-7a3b-9c4d-2e8f6a1b0c9d"))
            .DELETE()
            .build();

    assertThat(api.send(delete).status()).isEqualTo(404);
  }
}
