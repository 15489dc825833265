package dev.sluice.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a worker reports about one attempt of a job, on the results queue.
 *
 * <p>Every event carries the attempt's start, so a ticket shows it even when the result is applied
 * before the RUNNING event (events are not ordered across result consumers).
 *
 * @param ticketId the ticket the job belongs to
 * @param status RUNNING when an attempt starts; SUCCEEDED, FAILED or RETRYING when it ends
 * @param attempt the attempt number, from 1
 * @param workerId the worker that ran the attempt
 * @param startedAt when the attempt started, by the worker's clock
 * @param at when this event happened, by the worker's clock
 * @param result the handler's output, only with SUCCEEDED
 * @param error why the attempt failed, only with FAILED or RETRYING
 */
public record JobEvent(
    String ticketId,
    TicketStatus status,
    int attempt,
    String workerId,
    Instant startedAt,
    Instant at,
    @Nullable JsonNode result,
    @Nullable JobError error) {

  public JobEvent {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(workerId, "workerId");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(at, "at");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
  }

  public static JobEvent started(Attempt attempt) {
    return of(attempt, TicketStatus.RUNNING, attempt.startedAt(), null, null);
  }

  public static JobEvent succeeded(Attempt attempt, Instant at, JsonNode result) {
    return of(attempt, TicketStatus.SUCCEEDED, at, result, null);
  }

  public static JobEvent failed(Attempt attempt, Instant at, JobError error) {
    return of(attempt, TicketStatus.FAILED, at, null, error);
  }

  /** The attempt failed and another one is scheduled. */
  public static JobEvent retrying(Attempt attempt, Instant at, JobError error) {
    return of(attempt, TicketStatus.RETRYING, at, null, error);
  }

  private static JobEvent of(
      Attempt attempt,
      TicketStatus status,
      Instant at,
      @Nullable JsonNode result,
      @Nullable JobError error) {
    return new JobEvent(
        attempt.ticketId(),
        status,
        attempt.number(),
        attempt.workerId(),
        attempt.startedAt(),
        at,
        result,
        error);
  }

  /** See {@link TicketStatus#rank(int)}. */
  public long rank() {
    return status.rank(attempt);
  }
}
