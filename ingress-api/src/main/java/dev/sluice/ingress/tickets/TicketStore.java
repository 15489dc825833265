package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.store.RedisCalls.call;
import static dev.sluice.ingress.store.RedisCalls.script;
import static dev.sluice.ingress.tickets.TicketFields.*;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.TooManyRequestsException;
import dev.sluice.ingress.store.ScriptRunner;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Tickets in Redis, one hash per ticket: creating, reading, and applying workers' events. Every
 * change goes through a Lua script so it is atomic: an event moves a ticket only along {@link
 * TicketStatus}'s table and only forward in rank. Moves that are no worker's event are {@link
 * TicketMoves}; the webhook's state is {@link CallbackRecords}.
 */
@Component
public class TicketStore {

  /** Owner of tickets created without a client (authentication off, tests). */
  public static final String ANONYMOUS = "anonymous";

  private static final String PENDING_LIMIT = "pending-limit";
  private static final long PENDING_RETRY_AFTER_SECONDS = 5;
  private static final RedisScript<String> CREATE = script("redis/create-ticket.lua", String.class);

  private static final RedisScript<?> APPLY = script("redis/apply-event.lua", List.class);

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> WATCH = script("redis/watch-ticket.lua", List.class);

  private final StringRedisTemplate redis;
  private final ScriptRunner scripts;
  private final Namespace namespace;
  private final WireCodec codec;
  private final TicketViewReader reader;
  private final Clock clock;

  TicketStore(
      StringRedisTemplate redis,
      ScriptRunner scripts,
      Namespace namespace,
      WireCodec codec,
      Clock clock) {
    this.redis = redis;
    this.scripts = scripts;
    this.namespace = namespace;
    this.codec = codec;
    this.reader = new TicketViewReader(codec);
    this.clock = clock;
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
            claim == null ? "" : claim.storeKey(namespace, ticket.clientId()),
            maxPending == null ? "" : namespace.pendingKey(ticket.clientId()));
    var args = new ArrayList<String>();
    args.add(Long.toString(ticket.ttl().toMillis()));
    args.add(claim == null ? "0" : Long.toString(claim.ttl().toMillis()));
    args.add(claim == null ? "" : claim.record(request.id()));
    args.add(maxPending == null ? "0" : maxPending.toString());
    args.add(Long.toString(now));
    args.add(Long.toString(now - ticket.ttl().toMillis()));
    args.add(request.id());
    TicketArgs.pair(args, ID, request.id());
    TicketArgs.pair(args, TYPE, request.type());
    TicketArgs.pair(args, CLIENT_ID, ticket.clientId());
    TicketArgs.pair(args, STATUS, TicketStatus.QUEUED.name());
    TicketArgs.pair(args, RANK, Long.toString(TicketStatus.QUEUED.rank(0)));
    TicketArgs.pair(args, ATTEMPTS, "0");
    TicketArgs.pair(args, CREATED_AT, request.createdAt().toString());
    if (ticket.callbackUrl() != null) {
      TicketArgs.pair(args, CALLBACK_URL, ticket.callbackUrl());
      TicketArgs.pair(args, CALLBACK_STATUS, CallbackView.Status.PENDING.name());
      TicketArgs.pair(args, CALLBACK_ATTEMPTS, "0");
    }
    String earlier = scripts.value(CREATE, keys, args);
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

  /** The client a ticket belongs to, read alone (a whole ticket may carry a large result). */
  public Optional<String> clientOf(String id) {
    Object client = call(() -> redis.opsForHash().get(key(id), TicketFields.CLIENT_ID));
    return Optional.ofNullable(client).map(Object::toString);
  }

  public Optional<TicketView> find(String id) {
    Map<Object, Object> hash = call(() -> redis.opsForHash().entries(key(id)));
    return hash.isEmpty() ? Optional.empty() : Optional.of(reader.read(hash));
  }

  /**
   * Reads a ticket for a long poll and, if it is {@code clientId}'s, marks it watched, in one step:
   * a worker's final event for a watched ticket is announced on the namespace's final channel,
   * others are not (see {@link #apply}). Nothing is written for a missing ticket or another
   * client's.
   */
  Optional<TicketView> watch(String id, String clientId) {
    List<?> fields = call(() -> redis.execute(WATCH, List.of(key(id)), clientId, ANONYMOUS));
    if (fields == null || fields.isEmpty()) {
      return Optional.empty();
    }
    var hash = new HashMap<Object, Object>();
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      hash.put(fields.get(i), fields.get(i + 1));
    }
    return Optional.of(reader.read(hash));
  }

  /**
   * Removes a ticket, and its idempotency key, whose request was refused after it was stored (or
   * may have been), and stops counting it against its client's pending cap.
   *
   * @return whether there was a ticket to remove
   */
  public boolean withdraw(String id, String clientId, @Nullable IdempotencyClaim claim) {
    var keys = new ArrayList<String>();
    keys.add(key(id));
    if (claim != null) {
      keys.add(claim.storeKey(namespace, clientId));
    }
    release(id, clientId);
    Long removed = call(() -> redis.delete(keys));
    return removed != null && removed > 0;
  }

  /**
   * Applies a worker's event, if it moves the ticket forward. A final event, applied or not, also
   * announces the ticket on the namespace's final channel if a long poll has {@link #watch watched}
   * it, for the long polls in every replica. Unwatched tickets, nearly all of them, are not
   * announced: each announcement is received by every replica.
   */
  public AppliedEvent apply(JobEvent event) {
    boolean last = event.status().isFinal();
    var args = new ArrayList<String>();
    args.add(TicketArgs.statuses(TicketStatus.sourcesOf(event.status())));
    args.add(Long.toString(event.rank()));
    args.add(last ? namespace.finalChannel() : "");
    args.add(event.ticketId());
    TicketArgs.pair(args, STATUS, event.status().name());
    TicketArgs.pair(args, ATTEMPTS, Integer.toString(event.attempt()));
    TicketArgs.pair(args, WORKER_ID, event.workerId());
    TicketArgs.pair(args, STARTED_AT, event.startedAt().toString());
    if (last) {
      TicketArgs.pair(args, COMPLETED_AT, event.at().toString());
    }
    if (event.result() != null) {
      TicketArgs.pair(
          args, RESULT, new String(codec.encode(event.result()), StandardCharsets.UTF_8));
    }
    if (event.error() != null) {
      TicketArgs.pair(args, ERROR_CODE, event.error().code());
      TicketArgs.pair(args, ERROR_MESSAGE, event.error().message());
    }
    List<Long> reply = scripts.integers(APPLY, List.of(key(event.ticketId())), args);
    UpdateOutcome outcome =
        switch (reply.isEmpty() ? 0 : reply.get(0).intValue()) {
          case 1 -> UpdateOutcome.APPLIED;
          case -1 -> UpdateOutcome.STALE;
          default -> UpdateOutcome.MISSING;
        };
    return new AppliedEvent(outcome, reply.size() > 1 && reply.get(1) == 1);
  }

  private String key(String id) {
    return namespace.ticketKey(id);
  }
}
