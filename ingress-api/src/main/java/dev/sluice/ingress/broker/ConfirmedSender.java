package dev.sluice.ingress.broker;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionBlockedEvent;
import org.springframework.amqp.rabbit.connection.ConnectionUnblockedEvent;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends a message to a queue through the default exchange and returns only once the broker has
 * confirmed it holds it. Callers run on virtual threads, so waiting for the confirm holds no
 * platform thread.
 *
 * <p>While the broker blocks publishers (a memory or disk alarm), it refuses at once instead of
 * letting requests hang until the confirm timeout.
 */
@Component
public class ConfirmedSender {

  private static final Logger log = LoggerFactory.getLogger(ConfirmedSender.class);

  private final RabbitTemplate rabbit;
  private final Duration confirmTimeout;
  private volatile boolean blocked;

  ConfirmedSender(RabbitTemplate rabbit, IngressProperties properties) {
    this.rabbit = rabbit;
    this.confirmTimeout = properties.publishTimeout();
  }

  @EventListener
  void onBlocked(ConnectionBlockedEvent event) {
    blocked = true;
    log.warn("Broker blocks publishers: {}; submits get 503 until it stops", event.getReason());
  }

  @EventListener
  void onUnblocked(ConnectionUnblockedEvent event) {
    blocked = false;
    log.info("Broker accepts publishers again");
  }

  /**
   * @throws ServiceUnavailableException if the broker blocks publishers right now
   */
  public void checkAccepting() {
    if (blocked) {
      throw unavailable("The broker is out of memory or disk and refuses new work.", null);
    }
  }

  /**
   * @throws ServiceUnavailableException if the queue is full ({@link ProblemType#QUEUE_FULL}), or
   *     the broker is unreachable, blocks publishers, refuses the message, or does not confirm in
   *     time
   */
  public void send(String queue, Message message) {
    checkAccepting();
    var correlation = new CorrelationData(message.getMessageProperties().getMessageId());
    try {
      rabbit.send("", queue, message, correlation);
      CorrelationData.Confirm confirm =
          correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (correlation.getReturned() != null) {
        throw unavailable("The queue " + queue + " does not exist on the broker.", null);
      }
      if (!confirm.ack()) {
        throw refused(confirm.reason());
      }
    } catch (AmqpException e) {
      throw unavailable("Could not reach the message broker.", e);
    } catch (TimeoutException e) {
      throw unavailable("The broker did not confirm the message in time.", e);
    } catch (ExecutionException e) {
      throw unavailable("The broker did not confirm the message.", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("Interrupted while waiting for the broker.", e);
    }
  }

  /**
   * A nack without a reason is the broker's own refusal, which for Sluice's bounded queue means it
   * is full ({@code x-overflow=reject-publish}). A reason means the channel failed under us.
   */
  private static ServiceUnavailableException refused(@Nullable String reason) {
    if (reason == null) {
      return new ServiceUnavailableException(
          ProblemType.QUEUE_FULL, "The queue is full; try again later.", null);
    }
    return unavailable("The broker did not take the message: " + reason, null);
  }

  private static ServiceUnavailableException unavailable(String detail, @Nullable Throwable cause) {
    return new ServiceUnavailableException(ProblemType.BROKER_UNAVAILABLE, detail, cause);
  }
}
