package dev.sluice.ingress.broker;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.support.amqp.ConfirmingPublisher;
import dev.sluice.support.amqp.NotConfirmedException;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends a message to a queue through the default exchange and returns only once the broker has
 * confirmed it holds it; anything else is a 503 for the caller. Callers run on virtual threads, so
 * waiting for the confirm holds no platform thread.
 *
 * <p>While the broker blocks publishers (a memory or disk alarm), it refuses at once instead of
 * letting requests hang until the confirm timeout.
 */
@Component
public class ConfirmedSender {

  private final ConfirmingPublisher publisher;

  ConfirmedSender(ConfirmingPublisher publisher) {
    this.publisher = publisher;
  }

  /** Before the ingress reports ready: see {@link ConfirmingPublisher#connectEarly()}. */
  @EventListener(ApplicationReadyEvent.class)
  void connectEarly() {
    publisher.connectEarly();
  }

  /**
   * @throws ServiceUnavailableException if the broker blocks publishers right now
   */
  public void checkAccepting() {
    if (publisher.isBlocked()) {
      throw unavailable("The broker is out of memory or disk and refuses new work.", null);
    }
  }

  /**
   * @throws ServiceUnavailableException if the queue is full ({@link ProblemType#QUEUE_FULL}), or
   *     the broker is unreachable, blocks publishers, refuses the message, or does not confirm in
   *     time
   */
  public void send(String queue, Message message) {
    try {
      publisher.publishConfirmed(queue, message);
    } catch (NotConfirmedException e) {
      throw switch (e.reason()) {
        // Sluice's queues refuse only when full (x-overflow=reject-publish)
        case REFUSED ->
            new ServiceUnavailableException(
                ProblemType.QUEUE_FULL, "The queue is full; try again later.", e);
        case UNROUTABLE -> unavailable("The queue " + queue + " does not exist on the broker.", e);
        case BLOCKED -> unavailable("The broker is out of memory or disk and refuses new work.", e);
        case TIMEOUT -> unavailable("The broker did not confirm the message in time.", e);
        case UNREACHABLE, INTERRUPTED -> unavailable("Could not reach the message broker.", e);
      };
    }
  }

  private static ServiceUnavailableException unavailable(String detail, @Nullable Throwable cause) {
    return new ServiceUnavailableException(ProblemType.BROKER_UNAVAILABLE, detail, cause);
  }
}
