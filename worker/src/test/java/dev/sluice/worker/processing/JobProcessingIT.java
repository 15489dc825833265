package dev.sluice.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.model.JobEvent;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A worker against a real broker: jobs in on the requests queue, events out on the results. */
@DirtiesContext
@SpringBootTest(
    properties = {
      "server.port=0",
      "sluice.worker.id=test-worker",
      // every attempt reports RUNNING, however short
      "sluice.worker.running-event-delay=0",
      "sluice.worker.retry.initial-delay=100ms",
      "sluice.worker.retry.max-delay=400ms"
    })
class JobProcessingIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("worker");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    TestServices.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("sluice.namespace", NAMESPACE::value);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    listeners.stop(); // or they would declare the queues again as soon as they are deleted
    NAMESPACE.delete(TestServices.get());
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired Namespace namespace;
  @Autowired WireCodec codec;

  @Test
  void echoJobReportsRunningThenSucceededWithThePayload() {
    String id = enqueue("echo", "{\"hello\":\"world\"}");

    List<JobEvent> events = eventsFor(id, 2);

    assertThat(events)
        .extracting(JobEvent::status)
        .containsExactly(TicketStatus.RUNNING, TicketStatus.SUCCEEDED);
    JobEvent result = events.get(1);
    assertThat(result.attempt()).isEqualTo(1);
    assertThat(result.workerId()).isEqualTo("test-worker");
    assertThat(result.result()).isEqualTo(JSON.readTree("{\"hello\":\"world\"}"));
  }

  @Test
  void simulateJobFailsTheAttemptsItIsToldTo() {
    String id = enqueue("simulate", "{\"sleepMs\":5,\"failAttempts\":1}");

    JobEvent result = eventsFor(id, 2).get(1);

    assertThat(result.status()).isEqualTo(TicketStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("handler-error");
    assertThat(result.error().message()).contains("attempt 1");
  }

  @Test
  void simulateResultNamesAttemptAndWorker() {
    String id = enqueue("simulate", "{\"sleepMs\":5,\"cpuMs\":2}");

    JsonNode result = eventsFor(id, 2).get(1).result();

    assertThat(result.path("attempt").asInt()).isEqualTo(1);
    assertThat(result.path("workerId").asString()).isEqualTo("test-worker");
  }

  @Test
  void jobOfATypeWithoutHandlerFails() {
    String id = enqueue("resize", "{}");

    JobEvent result = eventsFor(id, 2).get(1);

    assertThat(result.status()).isEqualTo(TicketStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("unknown-type");
  }

  @Test
  void unreadableJobIsDeadLettered() {
    queues().enqueue("garbage".getBytes());

    assertThat(queues().deadLetterBodies()).contains("garbage");
  }

  private String enqueue(String type, String payload) {
    return enqueue(type, payload, 1, 10_000);
  }

  private String enqueue(String type, String payload, int maxAttempts, long timeoutMs) {
    return queues().enqueue(type, payload, maxAttempts, timeoutMs);
  }

  private WorkerQueues queues() {
    return new WorkerQueues(rabbit, namespace, codec);
  }

  @Test
  void failedAttemptIsRetriedAfterABackoff() {
    String id = enqueue("simulate", "{\"failAttempts\":1}", 3, 10_000);

    List<JobEvent> events = eventsFor(id, 4);

    assertThat(events)
        .extracting(JobEvent::status, JobEvent::attempt)
        .containsExactly(
            tuple(TicketStatus.RUNNING, 1),
            tuple(TicketStatus.RETRYING, 1),
            tuple(TicketStatus.RUNNING, 2),
            tuple(TicketStatus.SUCCEEDED, 2));
    assertThat(events.get(1).error().code()).isEqualTo("handler-error");
    assertThat(events.get(2).startedAt()).isAfter(events.get(1).at());
  }

  @Test
  void jobWithAttemptsUsedUpFailsAndIsDeadLettered() {
    String id = enqueue("simulate", "{\"failAttempts\":5}", 2, 10_000);

    List<JobEvent> events = eventsFor(id, 4);

    assertThat(events.get(3).status()).isEqualTo(TicketStatus.FAILED);
    assertThat(events.get(3).attempt()).isEqualTo(2);
    assertThat(queues().deadLetterBodies()).anySatisfy(body -> assertThat(body).contains(id));
  }

  @Test
  void permanentFailureIsNotRetried() {
    String id = enqueue("simulate", "{\"sleepMs\":-1}", 5, 10_000);

    JobEvent result = eventsFor(id, 2).get(1);

    assertThat(result.status()).isEqualTo(TicketStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("invalid-payload");
  }

  @Test
  void attemptOverItsTimeoutFailsWithTimeout() {
    String id = enqueue("simulate", "{\"sleepMs\":5000}", 1, 200);

    JobEvent result = eventsFor(id, 2).get(1);

    assertThat(result.status()).isEqualTo(TicketStatus.FAILED);
    assertThat(result.error().code()).isEqualTo("timeout");
    assertThat(Duration.between(result.startedAt(), result.at())).isLessThan(Duration.ofSeconds(4));
  }

  /** Receives events until {@code count} for this ticket arrived; others go back to nobody. */
  private List<JobEvent> eventsFor(String id, int count) {
    var events = new ArrayList<JobEvent>();
    long deadline = System.currentTimeMillis() + 15_000;
    while (events.size() < count && System.currentTimeMillis() < deadline) {
      Message message = rabbit.receive(namespace.resultsQueue(), 1_000);
      if (message != null) {
        JobEvent event = codec.decode(message.getBody(), JobEvent.class);
        if (event.ticketId().equals(id)) {
          events.add(event);
        }
      }
    }
    assertThat(events).as("events for " + id).hasSize(count);
    return events;
  }
}
