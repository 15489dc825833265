package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.store.RedisCalls.call;
import static dev.sluice.ingress.store.RedisCalls.script;
import static dev.sluice.ingress.tickets.TicketFields.*;

import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The state of a final ticket's webhook, kept on the ticket. */
@Component
public class CallbackRecords {

  private static final RedisScript<Long> MARK_QUEUED =
      script("redis/mark-callback-queued.lua", Long.class);
  private static final Set<TicketStatus> FINAL_STATUSES =
      EnumSet.of(TicketStatus.SUCCEEDED, TicketStatus.FAILED, TicketStatus.CANCELLED);

  private final StringRedisTemplate redis;
  private final Namespace namespace;
  private final TicketMoves moves;

  CallbackRecords(StringRedisTemplate redis, Namespace namespace, TicketMoves moves) {
    this.redis = redis;
    this.namespace = namespace;
    this.moves = moves;
  }

  /** Whether a ticket has a webhook that was not handed to the dispatcher yet. */
  public boolean callbackAwaitsQueueing(String id) {
    List<Object> fields =
        call(
            () ->
                redis
                    .opsForHash()
                    .multiGet(namespace.ticketKey(id), List.of(CALLBACK_URL, CALLBACK_QUEUED)));
    return fields.get(0) != null && fields.get(1) == null;
  }

  /**
   * Marks a final ticket's webhook as handed to the dispatcher.
   *
   * @return false if it was marked already (or the ticket is gone or not final)
   */
  public boolean markCallbackQueued(String id) {
    Long marked =
        call(
            () ->
                redis.execute(
                    MARK_QUEUED, List.of(namespace.ticketKey(id)), CALLBACK_QUEUED, CALLBACK_URL));
    return marked != null && marked == 1;
  }

  /** Records one try of a final ticket's webhook. */
  public void recordCallback(
      String id,
      CallbackView.Status status,
      int attempts,
      @Nullable Integer statusCode,
      @Nullable String error) {
    var args =
        TicketMoves.movement(
            FINAL_STATUSES,
            statusCode == null
                ? List.of(CALLBACK_STATUS_CODE, CALLBACK_ERROR)
                : List.of(CALLBACK_ERROR));
    TicketArgs.pair(args, CALLBACK_STATUS, status.name());
    TicketArgs.pair(args, CALLBACK_ATTEMPTS, Integer.toString(attempts));
    if (statusCode != null) {
      TicketArgs.pair(args, CALLBACK_STATUS_CODE, statusCode.toString());
    }
    if (error != null) {
      TicketArgs.pair(args, CALLBACK_ERROR, error);
    }
    moves.move(id, args);
  }

  /** Starts a final ticket's webhook over: PENDING, no tries yet. */
  public void resetCallback(String id) {
    var args = TicketMoves.movement(FINAL_STATUSES, List.of(CALLBACK_STATUS_CODE, CALLBACK_ERROR));
    TicketArgs.pair(args, CALLBACK_STATUS, CallbackView.Status.PENDING.name());
    TicketArgs.pair(args, CALLBACK_ATTEMPTS, "0");
    moves.move(id, args);
  }
}
