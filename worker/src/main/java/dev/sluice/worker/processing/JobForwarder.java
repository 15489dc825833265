package dev.sluice.worker.processing;

import dev.sluice.model.JobError;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.RetryPolicy;
import dev.sluice.model.Topology;
import dev.sluice.model.WireCodec;
import dev.sluice.worker.events.BrokerPublisher;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.stereotype.Component;

/**
 * Sends a job on after a failed attempt: to a delay queue to be retried, or to the dead queue once
 * its attempts are used up. Both wait for the broker's confirm, so the job may then be acked.
 */
@Component
class JobForwarder {

  private final BrokerPublisher broker;
  private final WireCodec codec;
  private final Namespace namespace;
  private final RetryPolicy retryPolicy;

  JobForwarder(
      BrokerPublisher broker, WireCodec codec, Namespace namespace, RetryPolicy retryPolicy) {
    this.broker = broker;
    this.codec = codec;
    this.namespace = namespace;
    this.retryPolicy = retryPolicy;
  }

  /** Schedules the next attempt after failed attempt {@code attempt}; returns the delay. */
  Duration scheduleRetry(JobRequest job, int attempt) {
    Duration delay = retryPolicy.delayAfter(attempt, ThreadLocalRandom.current());
    delay(job.retryAfter(attempt), retryPolicy.level(attempt), delay, "retry of ");
    return delay;
  }

  /**
   * Puts a job that its handler could not admit back for later, before attempt {@code attempt}
   * started, so it does not count as one.
   */
  void defer(JobRequest job, int attempt, Duration delay) {
    delay(job.retryAfter(attempt - 1), retryPolicy.levelFor(delay), delay, "deferral of ");
  }

  private void delay(JobRequest job, int level, Duration delay, String what) {
    var message =
        MessageBuilder.withBody(codec.encode(job))
            .setContentType(WireCodec.CONTENT_TYPE)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .setMessageId(job.id())
            .setExpiration(Long.toString(Math.max(1, delay.toMillis())))
            .build();
    broker.publishConfirmed(namespace.retryQueue(level), message, what + job.id());
  }

  /** Archives a job whose attempts are used up, with its last error. */
  void deadLetter(JobRequest job, int attempt, JobError error) {
    var message =
        MessageBuilder.withBody(codec.encode(job.retryAfter(attempt)))
            .setContentType(WireCodec.CONTENT_TYPE)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .setMessageId(job.id())
            .setHeader(Topology.DEAD_REASON_HEADER, Topology.DEAD_REASON_EXHAUSTED)
            .setHeader(Topology.DEAD_ERROR_CODE_HEADER, error.code())
            .setHeader(Topology.DEAD_ERROR_MESSAGE_HEADER, error.message())
            .build();
    broker.publishConfirmed(namespace.deadQueue(), message, "dead letter of " + job.id());
  }
}
