package dev.sluice.ingress.tickets;

import dev.sluice.model.Namespace;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Wakes long polls when their ticket becomes final, whichever ingress replica collected the result:
 * final ticket ids are published on a Redis channel that every replica listens on. For workers'
 * final events the ticket store publishes, in the same step, and only for tickets a long poll has
 * marked watched: every replica receives each announcement, so announcing every job would cost each
 * replica work for all the pool's jobs. Cancels and dead letters, which are rare, are announced
 * here whether watched or not. A waiting poll is a future, parked on a virtual thread: it holds no
 * platform thread.
 */
@Component
public class FinalNotifications implements MessageListener {

  private static final Logger log = LoggerFactory.getLogger(FinalNotifications.class);

  private final StringRedisTemplate redis;
  private final String channel;
  private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

  FinalNotifications(StringRedisTemplate redis, Namespace namespace) {
    this.redis = redis;
    this.channel = namespace.finalChannel();
  }

  /** A future completed when the ticket becomes final; call {@link #forget} when done. */
  CompletableFuture<Void> await(String ticketId) {
    var future = new CompletableFuture<Void>();
    waiters.computeIfAbsent(ticketId, id -> ConcurrentHashMap.newKeySet()).add(future);
    return future;
  }

  void forget(String ticketId, CompletableFuture<Void> future) {
    waiters.computeIfPresent(
        ticketId,
        (id, futures) -> {
          futures.remove(future);
          return futures.isEmpty() ? null : futures;
        });
  }

  /** Polls waiting in this replica right now. */
  public int waiting() {
    return waiters.values().stream().mapToInt(Set::size).sum();
  }

  @EventListener
  void onFinished(TicketFinished finished) {
    if (finished.announced()) {
      return;
    }
    try {
      redis.convertAndSend(channel, finished.ticketId());
    } catch (RuntimeException e) {
      // waiting polls then answer when their wait runs out; nothing is lost
      log.warn("Could not announce final ticket {}: {}", finished.ticketId(), e.getMessage());
    }
  }

  /** Called on the subscription's thread: only wakes the waiting polls, never blocks. */
  @Override
  public void onMessage(Message message, byte[] pattern) {
    var futures = waiters.get(new String(message.getBody(), StandardCharsets.UTF_8));
    if (futures != null) {
      futures.forEach(future -> future.complete(null));
    }
  }
}
