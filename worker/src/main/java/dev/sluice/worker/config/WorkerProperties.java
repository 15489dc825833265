package dev.sluice.worker.config;

import dev.sluice.model.RetryPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of one worker process.
 *
 * @param id name of this worker in tickets and logs; host name plus process id when not set
 * @param concurrency jobs this worker runs at once, each on its own virtual thread
 * @param prefetch jobs the broker sends ahead to each of those consumers, counting those whose
 *     acknowledgement waits to go with others'
 * @param publishTimeout how long to wait for the broker to confirm an event
 * @param shutdownGrace how long a stopping worker lets jobs in flight finish; unfinished ones go
 *     back to the queue
 * @param runningEventDelay an attempt is reported RUNNING once it has run this long; shorter ones
 *     go from QUEUED straight to their outcome (0: report every attempt at once)
 * @param retry backoff between attempts
 * @param simulate settings of the built-in {@code simulate} handler
 */
@ConfigurationProperties("sluice.worker")
@Validated
public record WorkerProperties(
    @Nullable String id,
    @DefaultValue("16") @Min(1) int concurrency,
    @DefaultValue("8") @Min(1) int prefetch,
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue("20s") Duration shutdownGrace,
    @DefaultValue("100ms") Duration runningEventDelay,
    @DefaultValue @Valid Retry retry,
    @DefaultValue Simulate simulate) {

  /**
   * Backoff between attempts: doubling from {@code initialDelay} up to {@code maxDelay}, with
   * jitter. Changing these changes the set of delay queues, which is safe: each is declared with
   * the same arguments.
   *
   * @param initialDelay delay before the first retry
   * @param maxDelay longest delay between two attempts
   */
  public record Retry(
      @DefaultValue("1s") Duration initialDelay, @DefaultValue("5m") Duration maxDelay) {

    public RetryPolicy toPolicy() {
      return RetryPolicy.backoff(initialDelay, maxDelay);
    }
  }

  /**
   * @param allowCrash whether {@code "crash": true} in a simulate payload may halt this worker
   *     process (for poison-message tests and demos only)
   */
  public record Simulate(@DefaultValue("false") boolean allowCrash) {}

  /**
   * How many finished jobs of a consumer share one acknowledgement at most: half the prefetch, so
   * that the broker sends the next jobs while a batch fills up (1, each on its own, for a prefetch
   * of 1 to 3).
   */
  public int ackBatch() {
    return Math.max(1, prefetch / 2);
  }

  /** The configured id, or host name and process id. */
  public String resolvedId() {
    if (id != null && !id.isBlank()) {
      return id;
    }
    String host = System.getenv().getOrDefault("HOSTNAME", "worker");
    return host + "-" + ProcessHandle.current().pid();
  }
}
