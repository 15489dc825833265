package dev.sluice.worker.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import dev.sluice.testing.StallingProxy;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker's management endpoints over HTTP, on a worker against a real broker (through a proxy
 * the last test closes) and Redis: what Kubernetes' probes, Docker's health check and Prometheus
 * get.
 */
@DirtiesContext
@SpringBootTest(properties = "server.port=0")
@TestMethodOrder(OrderAnnotation.class)
class ManagementServerIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("management");
  private static final StallingProxy BROKER =
      StallingProxy.to(TestServices.get().rabbitHost(), TestServices.get().rabbitPort());

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    TestServices.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
    registry.add("spring.rabbitmq.port", BROKER::port);
    registry.add("sluice.namespace", NAMESPACE::value);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) throws IOException {
    listeners.stop();
    BROKER.close();
    NAMESPACE.delete(TestServices.get());
  }

  @Autowired ManagementServer server;
  @Autowired ApplicationContext context;
  SluiceApi api;

  @BeforeEach
  void connect() {
    api = SluiceApi.onPort(server.port());
  }

  @Test
  void probesAnswerUpWhileTheWorkerRuns() {
    var liveness = api.get("/actuator/health/liveness");
    var readiness = api.get("/actuator/health/readiness");
    var health = api.get("/actuator/health");

    assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
    assertThat(liveness.contentType()).isEqualTo("application/json");
    assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
    assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
    assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
    assertThat(health.json().path("groups").toString()).contains("liveness", "readiness");
    // details are for signed-in callers, as on Spring MVC: an open port shows none
    assertThat(health.json().has("components")).isFalse();
  }

  @Test
  void readinessAnswers503WhileTheWorkerRefusesTrafficAndLivenessStaysUp() {
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      var readiness = api.get("/actuator/health/readiness");
      assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
      assertThat(readiness.json().path("status").asString()).isEqualTo("OUT_OF_SERVICE");
      assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
  }

  @Test
  void prometheusGetsTextByDefaultAndOpenMetricsWhenItAsks() {
    var text = api.get("/actuator/prometheus");
    var openMetrics =
        api.send(
            HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header(
                    "Accept",
                    "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2")
                .build());

    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain;version=0.0.4");
    assertThat(text.response().body())
        .contains("jvm_threads_live_threads{application=\"sluice-worker\"}");
    assertThat(openMetrics.status()).isEqualTo(200);
    assertThat(openMetrics.contentType()).startsWith("application/openmetrics-text");
    assertThat(openMetrics.response().body()).endsWith("# EOF\n");
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    var head =
        api.send(
            HttpRequest.newBuilder(uri("/actuator/health/liveness"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.response().body()).isEmpty();
  }

  @Test
  void prometheusScrapesOnlyTheIncludedNames() {
    var scrape = api.get("/actuator/prometheus?includedNames=jvm_threads_live_threads");

    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.response().body())
        .contains("jvm_threads_live_threads")
        .doesNotContain("jvm_memory_used_bytes");
  }

  @Test
  void unknownPathsGroupsAndMethodsGetProblems() {
    var unknownPath = api.get("/v1/requests");
    var unknownGroup = api.get("/actuator/health/nosuchgroup");
    var post = api.post("/actuator/health", "application/json", "{}");

    assertThat(unknownPath.status()).isEqualTo(404);
    assertThat(unknownPath.contentType()).isEqualTo("application/problem+json");
    assertThat(unknownPath.json().path("instance").asString()).isEqualTo("/v1/requests");
    assertThat(unknownGroup.status()).isEqualTo(404);
    assertThat(unknownGroup.contentType()).isEqualTo("application/problem+json");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(post.contentType()).isEqualTo("application/problem+json");
  }

  @Test
  @Order(Integer.MAX_VALUE) // takes the broker away for good
  void readinessAnswers503OnceTheBrokerIsGone() throws IOException {
    BROKER.close();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var readiness = api.get("/actuator/health/readiness");
              assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
              assertThat(readiness.json().path("status").asString()).isEqualTo("DOWN");
            });
    assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
