package dev.sluice.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
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
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sluice.worker.id=test-worker")
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
    rabbit.send(
        "", namespace.requestsQueue(), MessageBuilder.withBody("garbage".getBytes()).build());

    Message dead = rabbit.receive(namespace.deadQueue(), 10_000);

    assertThat(dead).isNotNull();
    assertThat(new String(dead.getBody())).isEqualTo("garbage");
  }

  private String enqueue(String type, String payload) {
    String id = UUID.randomUUID().toString();
    var job = new JobRequest(id, type, JSON.readTree(payload), Instant.now());
    rabbit.send("", namespace.requestsQueue(), MessageBuilder.withBody(codec.encode(job)).build());
    return id;
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
