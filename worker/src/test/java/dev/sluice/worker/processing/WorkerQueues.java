package dev.sluice.worker.processing;

import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A worker's queues as its tests use them: jobs in on the requests queue, dead letters out. */
record WorkerQueues(RabbitTemplate rabbit, Namespace namespace, WireCodec codec) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Puts a job on the requests queue, as the ingress does, and returns its id. */
  String enqueue(String type, String payload, int maxAttempts, long timeoutMs) {
    String id = UUID.randomUUID().toString();
    var job =
        JobRequest.accepted(
            id, type, JSON.readTree(payload), Instant.now(), maxAttempts, timeoutMs);
    enqueue(codec.encode(job));
    return id;
  }

  /** Puts any body on the requests queue. */
  void enqueue(byte[] body) {
    rabbit.send("", namespace.requestsQueue(), MessageBuilder.withBody(body).build());
  }

  /** Drains the dead queue, returning the bodies found. */
  List<String> deadLetterBodies() {
    var bodies = new ArrayList<String>();
    Message message;
    while ((message = rabbit.receive(namespace.deadQueue(), 3_000)) != null) {
      bodies.add(new String(message.getBody()));
    }
    return bodies;
  }
}
