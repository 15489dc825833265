package dev.sluice.worker.processing;

import dev.sluice.model.Attempt;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.UnreadableMessageException;
import dev.sluice.model.WireCodec;
import dev.sluice.worker.config.WorkerProperties;
import dev.sluice.worker.events.EventPublisher;
import dev.sluice.worker.events.NotPublishedException;
import dev.sluice.worker.handlers.Admission;
import dev.sluice.worker.handlers.JobContext;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a job: reports it RUNNING (if it runs long enough to matter), runs its
 * handler, sends the job on if it is to be retried or dead-lettered, reports how the attempt ended,
 * and only then lets the job be acknowledged, so that a crash at any point means redelivery, never
 * loss.
 */
@Component
class JobProcessor {

  private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);

  private final WireCodec codec;
  private final HandlerInvoker invoker;
  private final JobForwarder forwarder;
  private final EventPublisher events;
  private final Clock clock;
  private final CancellationWatch cancellations;
  private final String workerId;
  private final JobMeters meters;
  private final RunningReports runningReports;

  JobProcessor(
      WireCodec codec,
      HandlerInvoker invoker,
      JobForwarder forwarder,
      EventPublisher events,
      Clock clock,
      CancellationWatch cancellations,
      WorkerProperties properties,
      JobMeters meters,
      RunningReports runningReports) {
    this.meters = meters;
    this.runningReports = runningReports;
    this.cancellations = cancellations;
    this.codec = codec;
    this.invoker = invoker;
    this.forwarder = forwarder;
    this.events = events;
    this.clock = clock;
    this.workerId = properties.resolvedId();
  }

  /**
   * @param earlierDeliveries how often the broker delivered this message before (crashes)
   */
  Disposition process(byte[] body, int earlierDeliveries) {
    JobRequest job;
    try {
      job = codec.decode(body, JobRequest.class);
    } catch (UnreadableMessageException e) {
      log.error("Dead-lettering unreadable job: {}", e.getMessage());
      return Disposition.REJECT;
    }
    if (cancellations.isCancelled(job.id())) {
      log.info("Skipping cancelled job {}", job.id());
      return Disposition.ACKNOWLEDGE;
    }
    int number = job.attemptsDone() + earlierDeliveries + 1;
    try {
      return switch (admit(job)) {
        case Admission.Deferred(var delay, var reason) -> {
          log.debug("Deferring job {} by {}: {}", job.id(), delay, reason);
          forwarder.defer(job, number, delay);
          yield Disposition.ACKNOWLEDGE;
        }
        case Admission.Granted(var release) -> {
          try {
            run(job, number);
          } finally {
            release.run();
          }
          yield Disposition.ACKNOWLEDGE;
        }
        case null -> Disposition.REQUEUE;
      };
    } catch (NotPublishedException e) {
      log.warn("Requeueing job {}: {}", job.id(), e.getMessage());
      return Disposition.REQUEUE;
    } catch (InterruptedException e) {
      // shutting down past the grace period: hand the job back
      Thread.currentThread().interrupt();
      return Disposition.REQUEUE;
    }
  }

  /** The handler's admission, or null if asking failed (the job then goes back to the queue). */
  private @Nullable Admission admit(JobRequest job) throws InterruptedException {
    try {
      return invoker.admit(job);
    } catch (RuntimeException e) {
      // requeued, so a handler that keeps failing here makes the job poison after the delivery
      // limit
      log.error("Admission of job {} failed; requeueing it", job.id(), e);
      return null;
    }
  }

  private void run(JobRequest job, int number) throws InterruptedException {
    var attempt = new Attempt(job.id(), number, workerId, clock.instant());
    long started = meters.started();
    // stays so if the attempt's end could not be reported: the job goes back to the queue
    String outcome = "requeued";
    boolean isFinal = false;
    Runnable cancelRunningReport = runningReports.started(attempt);
    try {
      JobOutcome ended;
      try {
        ended = invoker.invoke(job, new JobContext(job.id(), number, workerId));
      } finally {
        cancelRunningReport.run();
      }
      if (ended instanceof JobOutcome.Cancelled) {
        outcome = "cancelled";
      } else {
        JobEvent event = settle(job, attempt, ended);
        events.publishConfirmed(event);
        outcome = event.status().name();
        isFinal = event.status().isFinal();
      }
    } finally {
      meters.finished(job, started, outcome, isFinal);
    }
  }

  /** Sends the job on where a failure needs it, and returns the event that ends the attempt. */
  private JobEvent settle(JobRequest job, Attempt attempt, JobOutcome outcome) {
    return switch (outcome) {
      case JobOutcome.Succeeded(var result) -> JobEvent.succeeded(attempt, clock.instant(), result);
      case JobOutcome.Failed(var error, var permanent) when permanent ->
          JobEvent.failed(attempt, clock.instant(), error);
      case JobOutcome.Failed(var error, var permanent) when job.mayRetryAfter(attempt.number()) -> {
        forwarder.scheduleRetry(job, attempt.number());
        yield JobEvent.retrying(attempt, clock.instant(), error);
      }
      case JobOutcome.Failed(var error, var permanent) -> {
        forwarder.deadLetter(job, attempt.number(), error);
        yield JobEvent.failed(attempt, clock.instant(), error);
      }
      case JobOutcome.Cancelled() ->
          throw new IllegalStateException("a cancelled attempt reports nothing");
    };
  }
}
