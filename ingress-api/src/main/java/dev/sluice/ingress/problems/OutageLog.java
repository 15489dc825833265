package dev.sluice.ingress.problems;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about the 503s of an outage (broker or store unreachable, a confirm that does not come), at
 * most once every {@link #INTERVAL} per problem type, saying how many like it went unlogged in
 * between. An outage refuses every submit at once, thousands a second, and a warning with its stack
 * trace for each buried everything else in the log; the refusals themselves are counted in {@code
 * sluice.requests.rejected}.
 */
final class OutageLog {

  static final Duration INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(OutageLog.class);

  private final TimeMeter time;
  private final Map<ProblemType, Bucket> warnings = new ConcurrentHashMap<>();
  private final Map<ProblemType, AtomicLong> unlogged = new ConcurrentHashMap<>();

  OutageLog(TimeMeter time) {
    this.time = time;
  }

  void warn(SluiceException e) {
    Bucket bucket =
        warnings.computeIfAbsent(
            e.type(),
            type ->
                Bucket.builder()
                    .addLimit(limit -> limit.capacity(1).refillIntervally(1, INTERVAL))
                    .withCustomTimePrecision(time)
                    .build());
    AtomicLong skipped = unlogged.computeIfAbsent(e.type(), type -> new AtomicLong());
    if (!bucket.tryConsume(1)) {
      skipped.incrementAndGet();
      return;
    }
    long since = skipped.getAndSet(0);
    log.warn(
        "Answering 503 {}: {}{}",
        e.type().uri(),
        e.getMessage(),
        since == 0 ? "" : " (and " + since + " more like it since the last warning)",
        e.getCause());
  }
}
