package dev.sluice.worker.events;

import dev.sluice.support.amqp.ConfirmingPublisher;
import dev.sluice.support.amqp.NotConfirmedException;
import org.springframework.amqp.core.Message;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Sends messages to a queue through the default exchange, waiting for the broker's confirm. */
@Component
public class BrokerPublisher {

  private final ConfirmingPublisher publisher;

  BrokerPublisher(ConfirmingPublisher publisher) {
    this.publisher = publisher;
  }

  /** Before the worker reports ready: see {@link ConfirmingPublisher#connectEarly()}. */
  @EventListener(ApplicationReadyEvent.class)
  void connectEarly() {
    publisher.connectEarly();
  }

  /**
   * Returns only once the broker has confirmed it holds the message.
   *
   * @throws NotPublishedException if it could not; whatever depends on the message (acking the job)
   *     must then not happen
   */
  public void publishConfirmed(String queue, Message message, String what) {
    try {
      publisher.publishConfirmed(queue, message);
    } catch (NotConfirmedException e) {
      throw new NotPublishedException(
          "no confirm for " + what + " on " + queue + " (" + e.reason() + ")", e);
    }
  }

  /** Sends without waiting for the broker. */
  public void publish(String queue, Message message, String what) {
    try {
      publisher.publish(queue, message);
    } catch (NotConfirmedException e) {
      throw new NotPublishedException("could not send " + what + " to " + queue, e);
    }
  }
}
