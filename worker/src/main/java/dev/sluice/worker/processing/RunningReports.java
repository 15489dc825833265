package dev.sluice.worker.processing;

import dev.sluice.model.Attempt;
import dev.sluice.model.JobEvent;
import dev.sluice.worker.config.WorkerProperties;
import dev.sluice.worker.events.EventPublisher;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reports an attempt as RUNNING only once it has run for {@code sluice.worker.running-event-delay}.
 * Most jobs are done sooner, and for them the event would cost a publish and a ticket write for a
 * status nobody sees; a long job still shows RUNNING while it runs. With a delay of zero every
 * attempt is reported at once.
 */
@Component
class RunningReports implements DisposableBean {

  private final EventPublisher events;
  private final Duration delay;
  private final ScheduledThreadPoolExecutor timer =
      new ScheduledThreadPoolExecutor(
          1, Thread.ofPlatform().daemon().name("running-reports").factory());

  RunningReports(EventPublisher events, WorkerProperties properties) {
    this.events = events;
    this.delay = properties.runningEventDelay();
    // most reports are cancelled: left queued, each would wake the timer at its due time only to
    // be dropped, once per job
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Reports the attempt as RUNNING now or after the delay.
   *
   * @return cancels the report if it has not been sent yet
   */
  Runnable started(Attempt attempt) {
    JobEvent event = JobEvent.started(attempt);
    if (delay.isZero()) {
      events.publish(event);
      return () -> {};
    }
    ScheduledFuture<?> report =
        timer.schedule(() -> events.publish(event), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> report.cancel(false);
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
