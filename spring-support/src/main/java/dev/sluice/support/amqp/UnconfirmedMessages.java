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

  private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> pending =
      new ConcurrentSkipListMap<>();

  /** Registers a message before it is published, so that its confirm cannot come first. */
  CompletableFuture<Void> expect(long sequence) {
    var confirmed = new CompletableFuture<Void>();
    pending.put(sequence, confirmed);
    return confirmed;
  }

  /** Stops tracking a message whose publisher gave up on it (it failed to send, or timed out). */
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
    pending.values().forEach(confirmed -> confirmed.completeExceptionally(failure));
    pending.clear();
  }

  private void settle(long deliveryTag, boolean multiple, @Nullable NotConfirmedException failure) {
    var settled =
        multiple
            ? pending.headMap(deliveryTag, true)
            : pending.subMap(deliveryTag, true, deliveryTag, true);
    for (CompletableFuture<Void> confirmed : settled.values()) {
      if (failure == null) {
        confirmed.complete(null);
      } else {
        confirmed.completeExceptionally(failure);
      }
    }
    settled.clear();
  }
}
