package dev.sluice.model;

import java.util.regex.Pattern;

/**
 * The prefix of every name Sluice uses on the broker and in Redis, so that several stacks and test
 * runs can share one broker and one Redis without seeing each other's work.
 *
 * @param value lower-case letters, digits, dots, dashes and underscores; starts with a letter or
 *     digit
 */
public record Namespace(String value) {

  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public Namespace {
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException("namespace '" + value + "' must match " + VALID.pattern());
    }
  }

  /** Jobs waiting for a worker. */
  public String requestsQueue() {
    return value + ".requests";
  }

  /** Events from the workers back to the ingress. */
  public String resultsQueue() {
    return value + ".results";
  }

  /** Jobs that could not be processed: unreadable, or over the delivery limit. */
  public String deadQueue() {
    return value + ".dead";
  }

  /**
   * Delay queue for retries at one backoff level, from 1. Messages wait out their TTL there, then
   * are dead-lettered back to the requests queue.
   */
  public String retryQueue(int level) {
    return value + ".retry." + level;
  }

  /** Webhook deliveries waiting for the ingress's dispatcher. */
  public String webhooksQueue() {
    return value + ".webhooks";
  }

  /** Delay queue for the {@code step}-th webhook retry (from 1). */
  public String webhookRetryQueue(int step) {
    return value + ".webhooks.retry." + step;
  }

  /** Redis pub/sub channel on which the id of every ticket that became final is published. */
  public String finalChannel() {
    return value + ":final";
  }

  /** Redis pub/sub channel on which the id of every cancelled ticket is published to workers. */
  public String cancelChannel() {
    return value + ":cancel";
  }

  /** Redis key that marks a ticket as cancelled, for workers to skip its job. */
  public String cancelledKey(String ticketId) {
    return value + ":cancelled:" + ticketId;
  }

  /** Redis key of one ticket. */
  public String ticketKey(String ticketId) {
    return value + ":ticket:" + ticketId;
  }

  /** Redis key of the idempotency record for a client's key. */
  public String idempotencyKey(String key) {
    return value + ":idem:" + key;
  }

  /** Redis key of the sorted set of a client's tickets that are not final yet. */
  public String pendingKey(String clientId) {
    return value + ":pending:" + clientId;
  }

  /** Redis key of a client's submit rate bucket. */
  public String rateKey(String clientId) {
    return value + ":rate:" + clientId;
  }

  /** Redis key of one archived dead letter. */
  public String deadLetterKey(String ticketId) {
    return value + ":dead:" + ticketId;
  }

  /** Redis key of the sorted set that orders dead letters by when they died. */
  public String deadLetterIndexKey() {
    return value + ":dead-index";
  }
}
