package dev.sluice.model;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A unit of work on the requests queue: what the ingress accepted, under the ticket's id.
 *
 * @param id the ticket id
 * @param type the job type, which selects the handler
 * @param payload the handler's input, always a JSON object
 * @param createdAt when the ingress accepted it
 * @param maxAttempts attempts allowed in this round, from {@code firstAttempt} on
 * @param timeoutMs how long one attempt may run before it is interrupted
 * @param firstAttempt number of the first attempt of this round: 1, or after an operator retried a
 *     dead letter, one more than the attempts before
 * @param attemptsDone attempts already made; a retry is published with this raised
 */
public record JobRequest(
    String id,
    String type,
    JsonNode payload,
    Instant createdAt,
    int maxAttempts,
    long timeoutMs,
    int firstAttempt,
    int attemptsDone) {

  public JobRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
    if (maxAttempts < 1 || timeoutMs < 1 || firstAttempt < 1 || attemptsDone < 0) {
      throw new IllegalArgumentException(
          "maxAttempts, timeoutMs and firstAttempt must be positive, attemptsDone not negative");
    }
  }

  /** A newly accepted job. */
  public static JobRequest accepted(
      String id,
      String type,
      JsonNode payload,
      Instant createdAt,
      int maxAttempts,
      long timeoutMs) {
    return new JobRequest(id, type, payload, createdAt, maxAttempts, timeoutMs, 1, 0);
  }

  /** Whether another attempt is allowed after attempt {@code number} failed. */
  public boolean mayRetryAfter(int number) {
    return number < firstAttempt + maxAttempts - 1;
  }

  /** The same job, to be run again after {@code number} attempts. */
  public JobRequest retryAfter(int number) {
    return new JobRequest(
        id, type, payload, createdAt, maxAttempts, timeoutMs, firstAttempt, number);
  }

  /** The same job with a fresh budget of attempts, after {@code attemptsSoFar} attempts. */
  public JobRequest freshRound(int attemptsSoFar) {
    return new JobRequest(
        id, type, payload, createdAt, maxAttempts, timeoutMs, attemptsSoFar + 1, attemptsSoFar);
  }
}
