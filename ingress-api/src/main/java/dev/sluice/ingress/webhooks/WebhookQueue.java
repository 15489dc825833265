package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.broker.ConfirmedSender;
import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.stereotype.Component;

/**
 * Webhook deliveries wait on RabbitMQ, not in memory: the first try on the webhook queue, later
 * ones on a delay queue per step of the retry schedule, from which they expire back.
 */
@Component
class WebhookQueue {

  private static final double JITTER = 0.2;

  private final ConfirmedSender sender;
  private final WireCodec codec;
  private final Namespace namespace;
  private final List<Duration> schedule;

  WebhookQueue(
      ConfirmedSender sender, WireCodec codec, Namespace namespace, WebhookProperties properties) {
    this.sender = sender;
    this.codec = codec;
    this.namespace = namespace;
    this.schedule = properties.retrySchedule();
  }

  void enqueue(WebhookDelivery delivery) {
    sender.send(
        namespace.webhooksQueue(),
        MessageBuilder.withBody(codec.encode(delivery))
            .setContentType(WireCodec.CONTENT_TYPE)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .setMessageId(delivery.webhookId())
            .build());
  }

  /** Whether another try may follow try number {@code attempt}. */
  boolean mayRetryAfter(int attempt) {
    return attempt <= schedule.size();
  }

  /** Schedules the try after {@code failed}, after the schedule's delay for it. */
  void scheduleRetry(WebhookDelivery failed) {
    Duration base = schedule.get(failed.attempt() - 1);
    double spread = 1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    long delayMs = Math.max(1, Math.round(base.toMillis() * spread));
    WebhookDelivery next = failed.next();
    sender.send(
        namespace.webhookRetryQueue(failed.attempt()),
        MessageBuilder.withBody(codec.encode(next))
            .setContentType(WireCodec.CONTENT_TYPE)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .setMessageId(next.webhookId())
            .setExpiration(Long.toString(delayMs))
            .build());
  }
}
