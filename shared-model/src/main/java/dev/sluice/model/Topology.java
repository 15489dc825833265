package dev.sluice.model;

import java.util.Map;

/**
 * The arguments of Sluice's queues. Ingress and workers both declare the queues, and RabbitMQ
 * refuses a declaration whose arguments differ from the existing queue's, so they come from here.
 *
 * <p>All messages go through the default exchange, routed by queue name.
 */
public final class Topology {

  private Topology() {}

  /**
   * The requests queue: durable quorum queue, bounded (a publish over the bound is nacked, which
   * the ingress turns into 503), and dead-lettering rejected or over-delivered jobs to the dead
   * queue so that a job that keeps killing workers does not circle forever.
   */
  public static Map<String, Object> requestsQueueArguments(
      Namespace namespace, long maxLength, int deliveryLimit) {
    return Map.of(
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
        namespace.deadQueue());
  }

  /** The results queue and the dead queue: durable quorum queues. */
  public static Map<String, Object> plainQueueArguments() {
    return Map.of("x-queue-type", "quorum");
  }
}
