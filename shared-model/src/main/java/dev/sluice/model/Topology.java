package dev.sluice.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sluice's queues and their arguments. RabbitMQ refuses a declaration whose arguments differ from
 * the existing queue's, so every component declares them from here.
 *
 * <p>All messages go through the default exchange, routed by queue name.
 */
public final class Topology {

  /** Header a worker sets on a job it sends to the dead queue itself: why it is there. */
  public static final String DEAD_REASON_HEADER = "sluice-dead-reason";

  /** {@link #DEAD_REASON_HEADER} of a job whose attempts are used up. */
  public static final String DEAD_REASON_EXHAUSTED = "exhausted";

  /** Header with the last error's code, on a dead letter a worker sends. */
  public static final String DEAD_ERROR_CODE_HEADER = "sluice-error-code";

  /** Header with the last error's message, on a dead letter a worker sends. */
  public static final String DEAD_ERROR_MESSAGE_HEADER = "sluice-error-message";

  private Topology() {}

  /** A durable queue to declare. */
  public record QueueSpec(String name, Map<String, Object> arguments) {}

  /**
   * The queues the ingress and the workers share.
   *
   * <ul>
   *   <li>requests: bounded (a publish over the bound is nacked, which the ingress turns into 503),
   *       and dead-lettering rejected or over-delivered jobs to the dead queue so that a job that
   *       keeps killing workers does not circle forever;
   *   <li>results and dead: plain quorum queues.
   * </ul>
   */
  public static List<QueueSpec> sharedQueues(
      Namespace namespace, long maxLength, int deliveryLimit) {
    return List.of(
        new QueueSpec(
            namespace.requestsQueue(),
            Map.of(
                "x-queue-type",
                "quorum",
                "x-max-length",
                maxLength,
                "x-overflow",
                "reject-publish",
                "x-delivery-limit",
                deliveryLimit,
                "x-dead-letter-exchange",
                "",
                "x-dead-letter-routing-key",
                namespace.deadQueue())),
        new QueueSpec(namespace.resultsQueue(), Map.of("x-queue-type", "quorum")),
        new QueueSpec(namespace.deadQueue(), Map.of("x-queue-type", "quorum")));
  }

  /**
   * The webhook queue and one delay queue per step of the webhook retry schedule, dead-lettering
   * back to the webhook queue. Only the ingress uses them.
   */
  public static List<QueueSpec> webhookQueues(Namespace namespace, int steps) {
    var queues = new ArrayList<QueueSpec>();
    queues.add(new QueueSpec(namespace.webhooksQueue(), Map.of("x-queue-type", "quorum")));
    for (int step = 1; step <= steps; step++) {
      queues.add(delayQueue(namespace.webhookRetryQueue(step), namespace.webhooksQueue()));
    }
    return queues;
  }

  /**
   * Delay queues for retries, one per backoff level. A job waits out its per-message TTL there,
   * then the broker dead-letters it back to the requests queue. The at-least-once dead-letter
   * strategy keeps trying while the requests queue is full, so a waiting retry is never dropped.
   */
  public static List<QueueSpec> retryQueues(Namespace namespace, int levels) {
    var queues = new ArrayList<QueueSpec>();
    for (int level = 1; level <= levels; level++) {
      queues.add(delayQueue(namespace.retryQueue(level), namespace.requestsQueue()));
    }
    return queues;
  }

  /**
   * A queue where messages wait out their per-message TTL, then are dead-lettered to {@code
   * target}. The at-least-once dead-letter strategy keeps trying while the target is full.
   */
  private static QueueSpec delayQueue(String name, String target) {
    return new QueueSpec(
        name,
        Map.of(
            "x-queue-type", "quorum",
            "x-overflow", "reject-publish",
            "x-dead-letter-strategy", "at-least-once",
            "x-dead-letter-exchange", "",
            "x-dead-letter-routing-key", target));
  }
}
