package dev.sluice.worker.processing;

import dev.sluice.model.JobRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The worker's job meters: {@code sluice.jobs.in.flight}; {@code sluice.jobs.attempts} (time in the
 * handler, by type and outcome: succeeded, failed, retrying, cancelled, requeued when its end could
 * not be reported); {@code sluice.jobs.end.to.end} (from the ingress accepting the job to its final
 * status, by type and status; across hosts, so as good as their clocks agree).
 */
@Component
class JobMeters {

  private final MeterRegistry meters;
  private final Clock clock;
  private final AtomicInteger inFlight = new AtomicInteger();

  JobMeters(MeterRegistry meters, Clock clock) {
    this.meters = meters;
    this.clock = clock;
    meters.gauge("sluice.jobs.in.flight", inFlight);
  }

  long started() {
    inFlight.incrementAndGet();
    return System.nanoTime();
  }

  /**
   * @param outcome how the attempt ended
   * @param isFinal whether the ticket is now final
   */
  void finished(JobRequest job, long startedNanos, String outcome, boolean isFinal) {
    inFlight.decrementAndGet();
    String type = job.type();
    Timer.builder("sluice.jobs.attempts")
        .tag("type", type)
        .tag("outcome", outcome.toLowerCase(Locale.ROOT))
        .register(meters)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    if (isFinal) {
      Timer.builder("sluice.jobs.end.to.end")
          .tag("type", type)
          .tag("status", outcome.toLowerCase(Locale.ROOT))
          .register(meters)
          .record(Duration.between(job.createdAt(), clock.instant()));
    }
  }
}
