package dev.sluice.support.amqp;

import org.jspecify.annotations.Nullable;

/**
 * The broker did not confirm a message: whatever depends on it being held (a ticket, an ack) must
 * not happen. The message may still have reached the queue for every reason but {@link
 * Reason#REFUSED} and {@link Reason#UNROUTABLE}, so consumers must tolerate duplicates.
 */
public class NotConfirmedException extends RuntimeException {

  /** Why the message was not confirmed. */
  public enum Reason {
    /** No connection to the broker, or it broke before the confirm arrived. */
    UNREACHABLE,
    /** The broker blocks publishers (memory or disk alarm). */
    BLOCKED,
    /** The broker answered with a nack: for a queue with {@code reject-publish}, it is full. */
    REFUSED,
    /** No queue of that name exists; the broker returned the message. */
    UNROUTABLE,
    /** No confirm within the publish timeout. */
    TIMEOUT,
    /** The waiting thread was interrupted. */
    INTERRUPTED
  }

  private final Reason reason;

  NotConfirmedException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
