package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.tickets.TicketFields.*;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Tickets in Redis, one hash per ticket. Every change goes through a Lua script so it is atomic: an
 * event moves a ticket only along {@link TicketStatus}'s table and only forward in rank.
 */
@Component
public class TicketStore {

  private static final RedisScript<Long> CREATE = script("redis/create-ticket.lua");
  private static final RedisScript<Long> APPLY = script("redis/apply-event.lua");

  private final StringRedisTemplate redis;
  private final Namespace namespace;
  private final WireCodec codec;
  private final TicketViewReader reader;

  TicketStore(StringRedisTemplate redis, Namespace namespace, WireCodec codec) {
    this.redis = redis;
    this.namespace = namespace;
    this.codec = codec;
    this.reader = new TicketViewReader(codec);
  }

  /** Stores a new QUEUED ticket for an accepted request. */
  public void create(JobRequest request, Duration ttl) {
    var args = new ArrayList<String>();
    args.add(Long.toString(ttl.toMillis()));
    addPair(args, ID, request.id());
    addPair(args, TYPE, request.type());
    addPair(args, STATUS, TicketStatus.QUEUED.name());
    addPair(args, RANK, Long.toString(TicketStatus.QUEUED.rank(0)));
    addPair(args, ATTEMPTS, "0");
    addPair(args, CREATED_AT, request.createdAt().toString());
    storeCall(() -> redis.execute(CREATE, List.of(key(request.id())), args.toArray()));
  }

  public Optional<TicketView> find(String id) {
    Map<Object, Object> hash = storeCall(() -> redis.opsForHash().entries(key(id)));
    return hash.isEmpty() ? Optional.empty() : Optional.of(reader.read(hash));
  }

  /** Removes a ticket whose request was refused after the ticket was stored. */
  public void delete(String id) {
    storeCall(() -> redis.delete(key(id)));
  }

  /** Applies a worker's event, if it moves the ticket forward. */
  public UpdateOutcome apply(JobEvent event) {
    var args = new ArrayList<String>();
    args.add(
        TicketStatus.sourcesOf(event.status()).stream()
            .map(Enum::name)
            .collect(Collectors.joining(",", ",", ",")));
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
    Long outcome =
        storeCall(() -> redis.execute(APPLY, List.of(key(event.ticketId())), args.toArray()));
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

  /**
   * Loads a script's text once. A script built on a Resource re-checks the resource for changes on
   * every call, which inside a packaged jar costs more than the Redis round trip itself.
   */
  private static RedisScript<Long> script(String path) {
    try {
      String text = new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
      return RedisScript.of(text, Long.class);
    } catch (IOException e) {
      throw new UncheckedIOException("missing Redis script " + path, e);
    }
  }

  private static <T> T storeCall(Supplier<T> call) {
    try {
      return call.get();
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          ProblemType.STORE_UNAVAILABLE, "The ticket store did not answer; try again later.", e);
    }
  }
}
