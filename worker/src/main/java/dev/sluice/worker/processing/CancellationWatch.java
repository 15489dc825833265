package dev.sluice.worker.processing;

import dev.sluice.model.Namespace;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Knows which jobs were cancelled: a job whose ticket carries the cancel marker is skipped before
 * it runs, and a running one is interrupted when its id arrives on the cancel channel. If Redis
 * cannot be asked, the job runs (its result is then ignored, since the ticket is final).
 */
@Component
class CancellationWatch implements MessageListener {

  private static final Logger log = LoggerFactory.getLogger(CancellationWatch.class);

  private final StringRedisTemplate redis;
  private final Namespace namespace;
  private final Map<String, Thread> running = new ConcurrentHashMap<>();
  private final Set<String> interrupted = ConcurrentHashMap.newKeySet();

  CancellationWatch(StringRedisTemplate redis, Namespace namespace) {
    this.redis = redis;
    this.namespace = namespace;
  }

  boolean isCancelled(String ticketId) {
    try {
      return Boolean.TRUE.equals(redis.hasKey(namespace.cancelledKey(ticketId)));
    } catch (DataAccessException e) {
      log.warn(
          "Could not check whether {} was cancelled; running it: {}", ticketId, e.getMessage());
      return false;
    }
  }

  void started(String ticketId, Thread handler) {
    running.put(ticketId, handler);
  }

  /** Forgets the job; returns whether it was interrupted because it was cancelled. */
  boolean finished(String ticketId) {
    running.remove(ticketId);
    return interrupted.remove(ticketId);
  }

  /** Called on the subscription's thread: only interrupts, never blocks. */
  @Override
  public void onMessage(Message message, byte[] pattern) {
    String ticketId = new String(message.getBody(), StandardCharsets.UTF_8);
    Thread handler = running.get(ticketId);
    if (handler != null) {
      interrupted.add(ticketId);
      handler.interrupt();
      log.info("Interrupted cancelled job {}", ticketId);
    }
  }
}
