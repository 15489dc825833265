package dev.sluice.support.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import dev.sluice.support.amqp.NotConfirmedException.Reason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The messages published on one confirm-mode channel that the broker has not confirmed yet, by
 * publish sequence number, each with the future its publisher waits on. The broker's acks, nacks
 * and returns arrive on the connection's reader thread and settle them; a multiple ack settles
 * every message up to its tag at once.
 */
final class UnconfirmedMessages implements ConfirmListener, ReturnListener {

  /** Carries the sequence number, so that a returned message can be matched to its publisher. */
  static final String SEQUENCE_HEADER = "sluice-publish-seq";

  private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

  /** A message's future, and when its publisher stops waiting for the broker (System.nanoTime). */
  private record Pending(CompletableFuture<Void> confirmed, long deadline) {}

  /**
   * Registers a message before it is published, so that its confirm cannot come first.
   *
   * @param deadline when {@link #expireOverdue} fails it, in {@link System#nanoTime()}'s terms
   */
  CompletableFuture<Void> expect(long sequence, long deadline) {
    var confirmed = new CompletableFuture<Void>();
    pending.put(sequence, new Pending(confirmed, deadline));
    return confirmed;
  }

  /**
   * Fails, as {@link Reason#TIMEOUT}, every message whose deadline has passed. Messages are
   * published in sequence and wait equally long, so the overdue ones are the oldest: it stops at
   * the first that is not.
   */
  void expireOverdue(long now, String why) {
    for (var entry : pending.entrySet()) {
      Pending message = entry.getValue();
      if (message.deadline() - now > 0) {
        return;
      }
      if (pending.remove(entry.getKey(), message)) {
        message
            .confirmed()
            .completeExceptionally(new NotConfirmedException(Reason.TIMEOUT, why, null));
      }
    }
  }

  /**
   * Stops tracking a message whose publisher gave up on it (it failed to send, or was interrupted).
   */
  void forget(long sequence) {
    pending.remove(sequence);
  }

  @Override
  public void handleAck(long deliveryTag, boolean multiple) {
    settle(deliveryTag, multiple, null);
  }

  @Override
  public void handleNack(long deliveryTag, boolean multiple) {
    settle(
        deliveryTag,
        multiple,
        new NotConfirmedException(Reason.REFUSED, "the broker refused the message", null));
  }

  /**
   * A mandatory message no queue took; the broker acks it right after, which then finds nothing.
   */
  @Override
  public void handleReturn(
      int replyCode,
      String replyText,
      String exchange,
      String routingKey,
      AMQP.BasicProperties properties,
      byte[] body) {
    Object sequence =
        properties.getHeaders() == null ? null : properties.getHeaders().get(SEQUENCE_HEADER);
    if (sequence instanceof Long tag) {
      settle(
          tag,
          false,
          new NotConfirmedException(
              Reason.UNROUTABLE,
              "no queue '" + routingKey + "' on the broker: " + replyText,
              null));
    }
  }

  /** The channel closed: nothing still pending will be confirmed on it. */
  void failAll(String why, @Nullable Throwable cause) {
    var failure = new NotConfirmedException(Reason.UNREACHABLE, why, cause);
    pending.values().forEach(message -> message.confirmed().completeExceptionally(failure));
    pending.clear();
  }

  private void settle(long deliveryTag, boolean multiple, @Nullable NotConfirmedException failure) {
    var settled =
        multiple
            ? pending.headMap(deliveryTag, true)
            : pending.subMap(deliveryTag, true, deliveryTag, true);
    for (Pending message : settled.values()) {
      if (failure == null) {
        message.confirmed().complete(null);
      } else {
        message.confirmed().completeExceptionally(failure);
      }
    }
    settled.clear();
  }
}
