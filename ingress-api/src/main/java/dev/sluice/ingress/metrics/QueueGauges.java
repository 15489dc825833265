package dev.sluice.ingress.metrics;

import dev.sluice.model.Namespace;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code sluice.queue.messages} and {@code sluice.queue.consumers} per queue (requests, results,
 * dead, webhooks), read from the broker every few seconds rather than on each scrape, so a slow
 * broker never slows the metrics endpoint. The requests queue's consumers are the workers' pool
 * size. A queue that could not be read keeps its last value.
 */
@Component
class QueueGauges {

  private final AmqpAdmin admin;
  private final List<String> queues;
  private final Map<String, double[]> readings = new ConcurrentHashMap<>();

  QueueGauges(AmqpAdmin admin, Namespace namespace, MeterRegistry meters) {
    this.admin = admin;
    this.queues =
        List.of(
            namespace.requestsQueue(),
            namespace.resultsQueue(),
            namespace.deadQueue(),
            namespace.webhooksQueue());
    for (String queue : queues) {
      double[] reading = {Double.NaN, Double.NaN};
      readings.put(queue, reading);
      String role = queue.substring(namespace.value().length() + 1);
      Gauge.builder("sluice.queue.messages", reading, r -> r[0])
          .description("Messages ready in the queue")
          .tag("queue", role)
          .register(meters);
      Gauge.builder("sluice.queue.consumers", reading, r -> r[1])
          .description("Consumers of the queue")
          .tag("queue", role)
          .register(meters);
    }
  }

  @Scheduled(fixedDelayString = "${sluice.metrics.queue-poll:5s}")
  void read() {
    for (String queue : queues) {
      try {
        Properties properties = admin.getQueueProperties(queue);
        if (properties != null) {
          double[] reading = readings.get(queue);
          reading[0] = ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).doubleValue();
          reading[1] = ((Number) properties.get(RabbitAdmin.QUEUE_CONSUMER_COUNT)).doubleValue();
        }
      } catch (RuntimeException e) {
        // the broker is away: keep the last reading; health and logs say why
      }
    }
  }
}
