package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.store.RedisCalls.call;
import static dev.sluice.ingress.store.RedisCalls.script;
import static dev.sluice.ingress.tickets.TicketFields.*;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.TooManyRequestsException;
import dev.sluice.model.JobError;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Tickets in Redis, one hash per ticket. Every change goes through a Lua script so it is atomic: an
 * event moves a ticket only along {@link TicketStatus}'s table and only forward in rank.
 */
@Component
public class TicketStore {

  /** Owner of tickets created without a client (authentication off, tests). */
  public static final String ANONYMOUS = "anonymous";

  private static final String PENDING_LIMIT = "pending-limit";
  private static final long PENDING_RETRY_AFTER_SECONDS = 5;
  private static final RedisScript<String> CREATE = script("redis/create-ticket.lua", String.class);
  private static final RedisScript<Long> APPLY = script("redis/apply-event.lua", Long.class);
  private static final RedisScript<Long> MARK_QUEUED =
      script("redis/mark-callback-queued.lua", Long.class);
  private static final Set<TicketStatus> FINAL_STATUSES =
      EnumSet.of(TicketStatus.SUCCEEDED, TicketStatus.FAILED, TicketStatus.CANCELLED);
  private static final RedisScript<Long> MOVE = script("redis/move-ticket.lua", Long.class);

  private final StringRedisTemplate redis;
  private final Namespace namespace;
  private final WireCodec codec;
  private final TicketViewReader reader;
  private final Clock clock;

  TicketStore(StringRedisTemplate redis, Namespace namespace, WireCodec codec, Clock clock) {
    this.redis = redis;
    this.namespace = namespace;
    this.codec = codec;
    this.reader = new TicketViewReader(codec);
    this.clock = clock;
  }

  /** Stores a new QUEUED ticket for an accepted request, with no client limits. */
  public void create(JobRequest request, Duration ttl) {
    create(new NewTicket(request, ANONYMOUS, null, ttl, null, null));
  }

  /**
   * Stores a new QUEUED ticket, claiming the request's idempotency key and counting it against the
   * client's pending cap in the same step.
   *
   * @return the earlier claim on the key, in which case nothing was stored
   * @throws TooManyRequestsException if the client's pending cap is reached
   */
  public Optional<IdempotencyClaim.Earlier> create(NewTicket ticket) {
    JobRequest request = ticket.job();
    IdempotencyClaim claim = ticket.claim();
    Integer maxPending = ticket.maxPending();
    long now = clock.millis();
    List<String> keys =
        List.of(
            key(request.id()),
            claim == null ? "" : namespace.idempotencyKey(ticket.clientId() + ":" + claim.key()),
            maxPending == null ? "" : namespace.pendingKey(ticket.clientId()));
    var args = new ArrayList<String>();
    args.add(Long.toString(ticket.ttl().toMillis()));
    args.add(claim == null ? "0" : Long.toString(claim.ttl().toMillis()));
    args.add(claim == null ? "" : claim.record(request.id()));
    args.add(maxPending == null ? "0" : maxPending.toString());
    args.add(Long.toString(now));
    args.add(Long.toString(now - ticket.ttl().toMillis()));
    args.add(request.id());
    addPair(args, ID, request.id());
    addPair(args, TYPE, request.type());
    addPair(args, CLIENT_ID, ticket.clientId());
    addPair(args, STATUS, TicketStatus.QUEUED.name());
    addPair(args, RANK, Long.toString(TicketStatus.QUEUED.rank(0)));
    addPair(args, ATTEMPTS, "0");
    addPair(args, CREATED_AT, request.createdAt().toString());
    if (ticket.callbackUrl() != null) {
      addPair(args, CALLBACK_URL, ticket.callbackUrl());
      addPair(args, CALLBACK_STATUS, CallbackView.Status.PENDING.name());
      addPair(args, CALLBACK_ATTEMPTS, "0");
    }
    String earlier = call(() -> redis.execute(CREATE, keys, args.toArray()));
    if (PENDING_LIMIT.equals(earlier)) {
      throw new TooManyRequestsException(
          ProblemType.TOO_MANY_PENDING,
          "You have " + maxPending + " requests not done yet; wait for some to finish.",
          PENDING_RETRY_AFTER_SECONDS);
    }
    return earlier == null || earlier.isEmpty()
        ? Optional.empty()
        : Optional.of(IdempotencyClaim.Earlier.parse(earlier));
  }

  /** Stops counting a ticket against its client's pending cap (it is final, or withdrawn). */
  public void release(String id, String clientId) {
    call(() -> redis.opsForZSet().remove(namespace.pendingKey(clientId), id));
  }

  public Optional<TicketView> find(String id) {
    Map<Object, Object> hash = call(() -> redis.opsForHash().entries(key(id)));
    return hash.isEmpty() ? Optional.empty() : Optional.of(reader.read(hash));
  }

  /** Removes a ticket, and its idempotency key, whose request was refused after it was stored. */
  public void withdraw(String id, String clientId, @Nullable IdempotencyClaim claim) {
    var keys = new ArrayList<String>();
    keys.add(key(id));
    if (claim != null) {
      keys.add(namespace.idempotencyKey(clientId + ":" + claim.key()));
    }
    release(id, clientId);
    call(() -> redis.delete(keys));
  }

  /**
   * Fails a ticket that no worker will report on again (its job was dead-lettered by the broker).
   *
   * @return false if the ticket is gone or already final
   */
  public boolean fail(String id, JobError error, Instant at) {
    var args = movement(TicketStatus.sourcesOf(TicketStatus.FAILED), List.of());
    addPair(args, STATUS, TicketStatus.FAILED.name());
    addPair(args, COMPLETED_AT, at.toString());
    addPair(args, ERROR_CODE, error.code());
    addPair(args, ERROR_MESSAGE, error.message());
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
    addPair(args, STATUS, TicketStatus.QUEUED.name());
    addPair(args, RANK, Long.toString(TicketStatus.QUEUED.rank(attemptsSoFar + 1)));
    return move(id, args);
  }

  /**
   * Cancels a ticket that is not final yet.
   *
   * @return false if the ticket is gone or already final
   */
  public boolean cancel(String id, Instant at) {
    var args = movement(TicketStatus.sourcesOf(TicketStatus.CANCELLED), List.of());
    addPair(args, STATUS, TicketStatus.CANCELLED.name());
    addPair(args, COMPLETED_AT, at.toString());
    return move(id, args);
  }

  /** Whether a ticket has a webhook that was not handed to the dispatcher yet. */
  public boolean callbackAwaitsQueueing(String id) {
    List<Object> fields =
        call(() -> redis.opsForHash().multiGet(key(id), List.of(CALLBACK_URL, CALLBACK_QUEUED)));
    return fields.get(0) != null && fields.get(1) == null;
  }

  /**
   * Marks a final ticket's webhook as handed to the dispatcher.
   *
   * @return false if it was marked already (or the ticket is gone or not final)
   */
  public boolean markCallbackQueued(String id) {
    Long marked =
        call(() -> redis.execute(MARK_QUEUED, List.of(key(id)), CALLBACK_QUEUED, CALLBACK_URL));
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
        movement(
            FINAL_STATUSES,
            statusCode == null
                ? List.of(CALLBACK_STATUS_CODE, CALLBACK_ERROR)
                : List.of(CALLBACK_ERROR));
    addPair(args, CALLBACK_STATUS, status.name());
    addPair(args, CALLBACK_ATTEMPTS, Integer.toString(attempts));
    if (statusCode != null) {
      addPair(args, CALLBACK_STATUS_CODE, statusCode.toString());
    }
    if (error != null) {
      addPair(args, CALLBACK_ERROR, error);
    }
    move(id, args);
  }

  /** Starts a final ticket's webhook over: PENDING, no tries yet. */
  public void resetCallback(String id) {
    var args = movement(FINAL_STATUSES, List.of(CALLBACK_STATUS_CODE, CALLBACK_ERROR));
    addPair(args, CALLBACK_STATUS, CallbackView.Status.PENDING.name());
    addPair(args, CALLBACK_ATTEMPTS, "0");
    move(id, args);
  }

  /** Undoes {@link #requeue} when the job could not be published again. */
  public void restoreFailed(TicketView failed) {
    var args = movement(EnumSet.of(TicketStatus.QUEUED), List.of());
    addPair(args, STATUS, TicketStatus.FAILED.name());
    addPair(args, RANK, Long.toString(TicketStatus.FAILED.rank(failed.attempts())));
    if (failed.completedAt() != null) {
      addPair(args, COMPLETED_AT, failed.completedAt().toString());
    }
    if (failed.error() != null) {
      addPair(args, ERROR_CODE, failed.error().code());
      addPair(args, ERROR_MESSAGE, failed.error().message());
    }
    move(failed.id(), args);
  }

  private static ArrayList<String> movement(Set<TicketStatus> from, List<String> deletes) {
    var args = new ArrayList<String>();
    args.add(statusList(from));
    args.add(Integer.toString(deletes.size()));
    args.addAll(deletes);
    return args;
  }

  private boolean move(String id, List<String> args) {
    Long moved = call(() -> redis.execute(MOVE, List.of(key(id)), args.toArray()));
    return moved != null && moved == 1;
  }

  private static String statusList(Set<TicketStatus> statuses) {
    return statuses.stream().map(Enum::name).collect(Collectors.joining(",", ",", ","));
  }

  /** Applies a worker's event, if it moves the ticket forward. */
  public UpdateOutcome apply(JobEvent event) {
    var args = new ArrayList<String>();
    args.add(statusList(TicketStatus.sourcesOf(event.status())));
    args.add(Long.toString(event.rank()));
    addPair(args, STATUS, event.status().name());
    addPair(args, ATTEMPTS, Integer.toString(event.attempt()));
    addPair(args, WORKER_ID, event.workerId());
    addPair(args, STARTED_AT, event.startedAt().toString());
    if (event.status().isFinal()) {
      addPair(args, COMPLETED_AT, event.at().toString());
    }
    if (event.result() != null) {
      addPair(args, RESULT, new String(codec.encode(event.result()), StandardCharsets.UTF_8));
    }
    if (event.error() != null) {
      addPair(args, ERROR_CODE, event.error().code());
      addPair(args, ERROR_MESSAGE, event.error().message());
    }
    Long outcome = call(() -> redis.execute(APPLY, List.of(key(event.ticketId())), args.toArray()));
    return switch (outcome == null ? 0 : outcome.intValue()) {
      case 1 -> UpdateOutcome.APPLIED;
      case -1 -> UpdateOutcome.STALE;
      default -> UpdateOutcome.MISSING;
    };
  }

  private String key(String id) {
    return namespace.ticketKey(id);
  }

  private static void addPair(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }
}
