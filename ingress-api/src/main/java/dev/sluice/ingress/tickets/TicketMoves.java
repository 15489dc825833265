package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.store.RedisCalls.call;
import static dev.sluice.ingress.store.RedisCalls.script;
import static dev.sluice.ingress.tickets.TicketFields.*;

import dev.sluice.model.JobError;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Moves of a ticket that are no worker's event: a poison job failed by the broker, a cancel, an
 * operator's retry of a dead letter. Each is allowed only from the statuses it names, atomically.
 */
@Component
public class TicketMoves {

  private static final RedisScript<Long> MOVE = script("redis/move-ticket.lua", Long.class);

  private final StringRedisTemplate redis;
  private final Namespace namespace;

  TicketMoves(StringRedisTemplate redis, Namespace namespace) {
    this.redis = redis;
    this.namespace = namespace;
  }

  /**
   * Fails a ticket that no worker will report on again (its job was dead-lettered by the broker).
   *
   * @return false if the ticket is gone or already final
   */
  public boolean fail(String id, JobError error, Instant at) {
    var args = movement(TicketStatus.sourcesOf(TicketStatus.FAILED), List.of());
    TicketArgs.pair(args, STATUS, TicketStatus.FAILED.name());
    TicketArgs.pair(args, COMPLETED_AT, at.toString());
    TicketArgs.pair(args, ERROR_CODE, error.code());
    TicketArgs.pair(args, ERROR_MESSAGE, error.message());
    return move(id, args);
  }

  /**
   * Puts a FAILED ticket back to QUEUED for a new round of attempts after {@code attemptsSoFar}.
   * Events of those earlier attempts are outranked from now on.
   *
   * @return false if the ticket is gone or not FAILED
   */
  public boolean requeue(String id, int attemptsSoFar) {
    var args =
        movement(
            EnumSet.of(TicketStatus.FAILED),
            List.of(COMPLETED_AT, RESULT, ERROR_CODE, ERROR_MESSAGE));
    TicketArgs.pair(args, STATUS, TicketStatus.QUEUED.name());
    TicketArgs.pair(args, RANK, Long.toString(TicketStatus.QUEUED.rank(attemptsSoFar + 1)));
    return move(id, args);
  }

  /**
   * Cancels a ticket that is not final yet.
   *
   * @return false if the ticket is gone or already final
   */
  public boolean cancel(String id, Instant at) {
    var args = movement(TicketStatus.sourcesOf(TicketStatus.CANCELLED), List.of());
    TicketArgs.pair(args, STATUS, TicketStatus.CANCELLED.name());
    TicketArgs.pair(args, COMPLETED_AT, at.toString());
    return move(id, args);
  }

  /** Undoes {@link #requeue} when the job could not be published again. */
  public void restoreFailed(TicketView failed) {
    var args = movement(EnumSet.of(TicketStatus.QUEUED), List.of());
    TicketArgs.pair(args, STATUS, TicketStatus.FAILED.name());
    TicketArgs.pair(args, RANK, Long.toString(TicketStatus.FAILED.rank(failed.attempts())));
    if (failed.completedAt() != null) {
      TicketArgs.pair(args, COMPLETED_AT, failed.completedAt().toString());
    }
    if (failed.error() != null) {
      TicketArgs.pair(args, ERROR_CODE, failed.error().code());
      TicketArgs.pair(args, ERROR_MESSAGE, failed.error().message());
    }
    move(failed.id(), args);
  }

  static ArrayList<String> movement(Set<TicketStatus> from, List<String> deletes) {
    var args = new ArrayList<String>();
    args.add(TicketArgs.statuses(from));
    args.add(Integer.toString(deletes.size()));
    args.addAll(deletes);
    return args;
  }

  boolean move(String id, List<String> args) {
    Long moved = call(() -> redis.execute(MOVE, List.of(namespace.ticketKey(id)), args.toArray()));
    return moved != null && moved == 1;
  }
}
