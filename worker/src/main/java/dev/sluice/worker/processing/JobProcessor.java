package dev.sluice.worker.processing;

import dev.sluice.model.Attempt;
import dev.sluice.model.JobError;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.UnreadableMessageException;
import dev.sluice.model.WireCodec;
import dev.sluice.worker.config.WorkerProperties;
import dev.sluice.worker.events.EventNotPublishedException;
import dev.sluice.worker.events.EventPublisher;
import dev.sluice.worker.handlers.JobContext;
import dev.sluice.worker.handlers.JobFailedException;
import dev.sluice.worker.handlers.JobHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a job: reports it RUNNING, runs its handler, reports the outcome and only
 * then lets the job be acknowledged, so that a crash at any point means redelivery, never loss.
 */
@Component
class JobProcessor {

  private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);

  private final WireCodec codec;
  private final HandlerRegistry handlers;
  private final EventPublisher events;
  private final Clock clock;
  private final String workerId;

  JobProcessor(
      WireCodec codec,
      HandlerRegistry handlers,
      EventPublisher events,
      Clock clock,
      WorkerProperties properties) {
    this.codec = codec;
    this.handlers = handlers;
    this.events = events;
    this.clock = clock;
    this.workerId = properties.resolvedId();
  }

  Disposition process(byte[] body, int attemptNumber) {
    JobRequest job;
    try {
      job = codec.decode(body, JobRequest.class);
    } catch (UnreadableMessageException e) {
      log.error("Dead-lettering unreadable job: {}", e.getMessage());
      return Disposition.REJECT;
    }
    var attempt = new Attempt(job.id(), attemptNumber, workerId, clock.instant());
    try {
      events.publish(JobEvent.started(attempt));
      events.publishConfirmed(run(job, attempt));
      return Disposition.ACKNOWLEDGE;
    } catch (EventNotPublishedException e) {
      log.warn("Requeueing job {}: {}", job.id(), e.getMessage());
      return Disposition.REQUEUE;
    }
  }

  private JobEvent run(JobRequest job, Attempt attempt) {
    JobHandler handler = handlers.forType(job.type()).orElse(null);
    if (handler == null) {
      return failed(attempt, JobError.UNKNOWN_TYPE, "no handler for type " + job.type());
    }
    try {
      var context = new JobContext(job.id(), attempt.number(), workerId);
      return JobEvent.succeeded(attempt, clock.instant(), handler.handle(context, job.payload()));
    } catch (JobFailedException e) {
      return failed(attempt, e.code(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EventNotPublishedException("interrupted while running job " + job.id(), e);
    } catch (Exception e) {
      log.info("Job {} attempt {} failed", job.id(), attempt.number(), e);
      return failed(attempt, JobError.HANDLER_ERROR, String.valueOf(e.getMessage()));
    }
  }

  private JobEvent failed(Attempt attempt, String code, String message) {
    return JobEvent.failed(attempt, clock.instant(), new JobError(code, message));
  }
}
