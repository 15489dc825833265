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
  private final Map<ProblemType, Warnings> byType = new ConcurrentHashMap<>();

  /** One problem type's allowance of warnings, and the refusals it left unlogged since the last. */
  private record Warnings(Bucket allowance, AtomicLong unlogged) {}

  OutageLog(TimeMeter time) {
    this.time = time;
  }

  void warn(SluiceException e) {
    Warnings warnings = byType.computeIfAbsent(e.type(), type -> newWarnings());
    if (!warnings.allowance().tryConsume(1)) {
      warnings.unlogged().incrementAndGet();
      return;
    }
    long since = warnings.unlogged().getAndSet(0);
    log.warn(
        "Answering 503 {}: {}{}",
        e.type().uri(),
        e.getMessage(),
        since == 0 ? "" : " (and " + since + " more like it since the last warning)",
        e.getCause());
  }

  private Warnings newWarnings() {
    Bucket allowance =
        Bucket.builder()
            .addLimit(limit -> limit.capacity(1).refillIntervally(1, INTERVAL))
            .withCustomTimePrecision(time)
            .build();
    return new Warnings(allowance, new AtomicLong());
  }
}
