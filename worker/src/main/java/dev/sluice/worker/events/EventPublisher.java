package dev.sluice.worker.events;

import dev.sluice.model.JobEvent;
import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.stereotype.Component;

/** Sends job events to the results queue. */
@Component
public class EventPublisher {

  private final BrokerPublisher broker;
  private final WireCodec codec;
  private final String queue;

  EventPublisher(BrokerPublisher broker, WireCodec codec, Namespace namespace) {
    this.broker = broker;
    this.codec = codec;
    this.queue = namespace.resultsQueue();
  }

  /**
   * Sends an event without waiting for the broker. For RUNNING events: losing one costs only a less
   * precise status, and the event that ends the attempt is confirmed.
   */
  public void publish(JobEvent event) {
    broker.publish(queue, message(event), event.status() + " event");
  }

  /**
   * Sends an event and returns only once the broker has confirmed it holds it.
   *
   * @throws NotPublishedException if it could not; the job must then not be acknowledged
   */
  public void publishConfirmed(JobEvent event) {
    broker.publishConfirmed(queue, message(event), event.status() + " event");
  }

  private Message message(JobEvent event) {
    return MessageBuilder.withBody(codec.encode(event))
        .setContentType(WireCodec.CONTENT_TYPE)
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .build();
  }
}
