package dev.sluice.worker.events;

import dev.sluice.model.JobEvent;
import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import dev.sluice.worker.config.WorkerProperties;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Sends job events to the results queue. */
@Component
public class EventPublisher {

  private final RabbitTemplate rabbit;
  private final WireCodec codec;
  private final String queue;
  private final Duration confirmTimeout;

  EventPublisher(
      RabbitTemplate rabbit, WireCodec codec, Namespace namespace, WorkerProperties properties) {
    this.rabbit = rabbit;
    this.codec = codec;
    this.queue = namespace.resultsQueue();
    this.confirmTimeout = properties.publishTimeout();
  }

  /**
   * Sends an event without waiting for the broker. For RUNNING events: losing one costs only a less
   * precise status, and the result event that follows is confirmed.
   */
  public void publish(JobEvent event) {
    try {
      rabbit.send("", queue, message(event));
    } catch (AmqpException e) {
      throw new EventNotPublishedException("could not send " + event.status() + " event", e);
    }
  }

  /**
   * Sends an event and returns only once the broker has confirmed it holds it.
   *
   * @throws EventNotPublishedException if it could not; the job must then not be acknowledged
   */
  public void publishConfirmed(JobEvent event) {
    var correlation = new CorrelationData(event.ticketId() + "/" + event.attempt());
    try {
      rabbit.send("", queue, message(event), correlation);
      var confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!confirm.ack() || correlation.getReturned() != null) {
        throw new EventNotPublishedException(
            "broker refused " + event.status() + " event: " + confirm.reason(), null);
      }
    } catch (AmqpException | ExecutionException | TimeoutException e) {
      throw new EventNotPublishedException("no confirm for " + event.status() + " event", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventNotPublishedException("interrupted while publishing", e);
    }
  }

  private Message message(JobEvent event) {
    return MessageBuilder.withBody(codec.encode(event))
        .setContentType(WireCodec.CONTENT_TYPE)
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .build();
  }
}
