package dev.sluice.worker.events;

import dev.sluice.worker.config.WorkerProperties;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Sends messages to a queue through the default exchange, waiting for the broker's confirm. */
@Component
public class BrokerPublisher {

  private final RabbitTemplate rabbit;
  private final Duration confirmTimeout;

  BrokerPublisher(RabbitTemplate rabbit, WorkerProperties properties) {
    this.rabbit = rabbit;
    this.confirmTimeout = properties.publishTimeout();
  }

  /**
   * Returns only once the broker has confirmed it holds the message.
   *
   * @throws NotPublishedException if it could not; whatever depends on the message (acking the job)
   *     must then not happen
   */
  public void publishConfirmed(String queue, Message message, String what) {
    var correlation = new CorrelationData();
    try {
      rabbit.send("", queue, message, correlation);
      var confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!confirm.ack() || correlation.getReturned() != null) {
        throw new NotPublishedException(
            "broker refused " + what + " for " + queue + ": " + confirm.reason(), null);
      }
    } catch (AmqpException | ExecutionException | TimeoutException e) {
      throw new NotPublishedException("no confirm for " + what + " on " + queue, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotPublishedException("interrupted while publishing " + what, e);
    }
  }

  /** Sends without waiting for the broker. */
  public void publish(String queue, Message message, String what) {
    try {
      rabbit.send("", queue, message);
    } catch (AmqpException e) {
      throw new NotPublishedException("could not send " + what + " to " + queue, e);
    }
  }
}
