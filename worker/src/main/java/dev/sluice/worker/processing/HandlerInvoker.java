package dev.sluice.worker.processing;

import dev.sluice.model.JobError;
import dev.sluice.model.JobRequest;
import dev.sluice.worker.handlers.Admission;
import dev.sluice.worker.handlers.JobContext;
import dev.sluice.worker.handlers.JobFailedException;
import dev.sluice.worker.handlers.JobHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Runs a handler for one attempt on a virtual thread of its own, so that an attempt over its {@code
 * timeoutMs} can be interrupted and counted as a failure while the consumer goes on.
 */
@Component
class HandlerInvoker {

  private static final Logger log = LoggerFactory.getLogger(HandlerInvoker.class);

  private final HandlerRegistry handlers;
  private final CancellationWatch cancellations;

  HandlerInvoker(HandlerRegistry handlers, CancellationWatch cancellations) {
    this.handlers = handlers;
    this.cancellations = cancellations;
  }

  /** Asks the job's handler whether the job may run now; jobs of unknown types may (and fail). */
  Admission admit(JobRequest job) throws InterruptedException {
    JobHandler handler = handlers.forType(job.type()).orElse(null);
    return handler == null ? Admission.granted() : handler.admit(job.payload());
  }

  JobOutcome invoke(JobRequest job, JobContext context) throws InterruptedException {
    JobHandler handler = handlers.forType(job.type()).orElse(null);
    if (handler == null) {
      return new JobOutcome.Failed(
          new JobError(JobError.UNKNOWN_TYPE, "no handler for type " + job.type()), true);
    }
    var result = new CompletableFuture<JsonNode>();
    Thread thread =
        Thread.ofVirtual()
            .name("handler-" + job.id())
            .start(
                () -> {
                  try {
                    result.complete(handler.handle(context, job.payload()));
                  } catch (Throwable e) {
                    result.completeExceptionally(e);
                  }
                });
    cancellations.started(job.id(), thread);
    JobOutcome outcome;
    boolean cancelled;
    try {
      outcome = await(job, context, thread, result);
    } finally {
      cancelled = cancellations.finished(job.id());
    }
    return cancelled ? new JobOutcome.Cancelled() : outcome;
  }

  private static JobOutcome await(
      JobRequest job, JobContext context, Thread thread, CompletableFuture<JsonNode> result)
      throws InterruptedException {
    try {
      return new JobOutcome.Succeeded(result.get(job.timeoutMs(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      // A handler that ignores interrupts keeps running until it returns; its result is dropped.
      thread.interrupt();
      return new JobOutcome.Failed(
          new JobError(JobError.TIMEOUT, "attempt ran over " + job.timeoutMs() + " ms"), false);
    } catch (InterruptedException e) {
      thread.interrupt();
      throw e;
    } catch (ExecutionException e) {
      return failure(job, context, e.getCause());
    }
  }

  private static JobOutcome failure(JobRequest job, JobContext context, Throwable cause) {
    if (cause instanceof JobFailedException failed) {
      return new JobOutcome.Failed(
          new JobError(failed.code(), String.valueOf(failed.getMessage())), failed.permanent());
    }
    log.info("Job {} attempt {} failed", job.id(), context.attempt(), cause);
    return new JobOutcome.Failed(
        new JobError(JobError.HANDLER_ERROR, String.valueOf(cause.getMessage())), false);
  }
}
