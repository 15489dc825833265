package dev.sluice.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.model.JobEvent;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import dev.sluice.testing.Rabbitmqctl;
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

/**
 * The acknowledgements a consumer holds back to send together (a prefetch of 20: batches of 10,
 * more than the jobs all tests together leave pending), against a real broker. One consumer, so
 * that every job of a test goes the same way.
 */
@DirtiesContext
@SpringBootTest(
    properties = {
      "server.port=0",
      "sluice.worker.concurrency=1",
      "sluice.worker.prefetch=20",
    })
class AcknowledgementBatchingIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("acks");

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
  void jobsFewerThanABatchAreAcknowledgedOnceTheQueueFallsQuiet() {
    assumeThat(Rabbitmqctl.reaches(TestServices.get()))
        .as("a consumer's unacknowledged messages are visible only to the broker's command line")
        .isTrue();
    List<String> ids = List.of(enqueueJob(), enqueueJob(), enqueueJob());

    assertThat(finalEvents(ids.size()))
        .extracting(JobEvent::ticketId, JobEvent::status)
        .containsExactlyInAnyOrderElementsOf(
            ids.stream().map(id -> tuple(id, TicketStatus.SUCCEEDED)).toList());
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () ->
                assertThat(Rabbitmqctl.unacknowledgedByConsumersOf(namespace.requestsQueue()))
                    .isZero());
  }

  @Test
  void aRejectedJobLeavesTheFinishedOnesBeforeItAcknowledged() {
    String first = enqueueJob();
    String second = enqueueJob();
    queues().enqueue("garbage".getBytes());
    String after = enqueueJob();

    assertThat(finalEvents(3)).extracting(JobEvent::ticketId).containsExactly(first, second, after);
    // the reject goes out as a nack of everything up to it: the two before it must have been
    // acknowledged first, or they would be dead-lettered with it
    assertThat(queues().deadLetterBodies()).containsExactly("garbage");
  }

  private String enqueueJob() {
    return queues().enqueue("simulate", "{\"sleepMs\":1}", 1, 10_000);
  }

  private WorkerQueues queues() {
    return new WorkerQueues(rabbit, namespace, codec);
  }

  /** Receives events until {@code count} final ones arrived, in the order they came. */
  private List<JobEvent> finalEvents(int count) {
    var events = new ArrayList<JobEvent>();
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              Message message = rabbit.receive(namespace.resultsQueue(), 500);
              if (message != null) {
                JobEvent event = codec.decode(message.getBody(), JobEvent.class);
                if (event.status().isFinal()) {
                  events.add(event);
                }
              }
              return events.size() >= count;
            });
    return events;
  }
}
