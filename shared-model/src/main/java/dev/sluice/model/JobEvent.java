package dev.sluice.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a worker reports about one attempt of a job, on the results queue.
 *
 * @param ticketId the ticket the job belongs to
 * @param status RUNNING when an attempt starts; SUCCEEDED, FAILED or RETRYING when it ends
 * @param attempt the attempt number, from 1
 * @param workerId the worker that ran the attempt
 * @param at when it happened, by the worker's clock
 * @param result the handler's output, only with SUCCEEDED
 * @param error why the attempt failed, only with FAILED or RETRYING
 */
public record JobEvent(
    String ticketId,
    TicketStatus status,
    int attempt,
    String workerId,
    Instant at,
    @Nullable JsonNode result,
    @Nullable JobError error) {

  public JobEvent {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(at, "at");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
  }

  public static JobEvent started(String ticketId, int attempt, String workerId, Instant at) {
    return new JobEvent(ticketId, TicketStatus.RUNNING, attempt, workerId, at, null, null);
  }

  public static JobEvent succeeded(
      String ticketId, int attempt, String workerId, Instant at, JsonNode result) {
    return new JobEvent(ticketId, TicketStatus.SUCCEEDED, attempt, workerId, at, result, null);
  }

  public static JobEvent failed(
      String ticketId, int attempt, String workerId, Instant at, JobError error) {
    return new JobEvent(ticketId, TicketStatus.FAILED, attempt, workerId, at, null, error);
  }

  /** See {@link TicketStatus#rank(int)}. */
  public long rank() {
    return status.rank(attempt);
  }
}
