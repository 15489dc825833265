package dev.sluice.ingress.deadletters;

import static dev.sluice.ingress.store.RedisCalls.call;
import static dev.sluice.ingress.store.RedisCalls.script;

import dev.sluice.model.JobError;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Dead letters in Redis: one hash each, plus a sorted set by time of death for paging. They stay
 * until an operator retries or deletes them.
 */
@Component
public class DeadLetterArchive {

  private static final RedisScript<Long> ARCHIVE =
      script("redis/archive-dead-letter.lua", Long.class);
  private static final RedisScript<Long> REMOVE =
      script("redis/remove-dead-letter.lua", Long.class);

  private final StringRedisTemplate redis;
  private final Namespace namespace;
  private final WireCodec codec;

  DeadLetterArchive(StringRedisTemplate redis, Namespace namespace, WireCodec codec) {
    this.redis = redis;
    this.namespace = namespace;
    this.codec = codec;
  }

  /** A page of dead letters, newest first, and how many there are in all. */
  public record Page(List<DeadLetter> items, long total, long offset, int limit) {}

  void archive(DeadLetter letter) {
    var args = new ArrayList<String>();
    args.add(letter.id());
    args.add(Long.toString(letter.deadAt().toEpochMilli()));
    add(args, "id", letter.id());
    add(args, "type", letter.type());
    add(args, "reason", letter.reason());
    add(args, "attempts", Integer.toString(letter.attempts()));
    add(args, "deadAt", letter.deadAt().toString());
    if (letter.error() != null) {
      add(args, "errorCode", letter.error().code());
      add(args, "errorMessage", letter.error().message());
    }
    if (letter.job() != null) {
      add(args, "job", new String(codec.encode(letter.job()), StandardCharsets.UTF_8));
    }
    call(() -> redis.execute(ARCHIVE, keys(letter.id()), args.toArray()));
  }

  public Page page(long offset, int limit) {
    return call(
        () -> {
          var ids = redis.opsForZSet().reverseRange(indexKey(), offset, offset + limit - 1);
          var items = new ArrayList<DeadLetter>();
          for (String id : ids == null ? List.<String>of() : ids) {
            find(id).ifPresent(items::add);
          }
          Long total = redis.opsForZSet().zCard(indexKey());
          return new Page(items, total == null ? 0 : total, offset, limit);
        });
  }

  public Optional<DeadLetter> find(String id) {
    Map<Object, Object> hash = call(() -> redis.opsForHash().entries(namespace.deadLetterKey(id)));
    return hash.isEmpty() ? Optional.empty() : Optional.of(read(hash));
  }

  /**
   * @return false if there was no such dead letter
   */
  public boolean remove(String id) {
    Long removed = call(() -> redis.execute(REMOVE, keys(id), id));
    return removed != null && removed == 1;
  }

  private DeadLetter read(Map<Object, Object> hash) {
    String code = text(hash, "errorCode");
    String job = text(hash, "job");
    return new DeadLetter(
        String.valueOf(hash.get("id")),
        String.valueOf(hash.get("type")),
        String.valueOf(hash.get("reason")),
        Integer.parseInt(String.valueOf(hash.get("attempts"))),
        Instant.parse(String.valueOf(hash.get("deadAt"))),
        code == null ? null : new JobError(code, String.valueOf(text(hash, "errorMessage"))),
        job == null ? null : codec.decode(job.getBytes(StandardCharsets.UTF_8), JobRequest.class));
  }

  private List<String> keys(String id) {
    return List.of(namespace.deadLetterKey(id), indexKey());
  }

  private String indexKey() {
    return namespace.deadLetterIndexKey();
  }

  private static @Nullable String text(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? null : value.toString();
  }

  private static void add(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }
}
