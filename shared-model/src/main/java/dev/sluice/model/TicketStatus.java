package dev.sluice.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket is in its life, with the one table of moves Sluice allows.
 *
 * <p>Events arrive at least once and not always in order (a job can be redelivered, several result
 * consumers run at once), so a move is allowed only forward: a final status is never left, and
 * within the non-final statuses a move is legal only if the event is newer (see {@link
 * #rank(int)}).
 */
public enum TicketStatus {
  QUEUED(0),
  RUNNING(1),
  RETRYING(2),
  SUCCEEDED(3),
  FAILED(3),
  CANCELLED(3);

  /** Order of the status within one attempt: started, then between attempts, then final. */
  private final int phase;

  TicketStatus(int phase) {
    this.phase = phase;
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** The statuses a ticket may be in for a move to {@code target} to be legal. */
  public static Set<TicketStatus> sourcesOf(TicketStatus target) {
    return switch (target) {
      case QUEUED -> EnumSet.noneOf(TicketStatus.class);
      case RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED -> EnumSet.of(QUEUED, RUNNING, RETRYING);
    };
  }

  public boolean canMoveTo(TicketStatus target) {
    return sourcesOf(target).contains(this);
  }

  /**
   * How far along a ticket in this status at this attempt is. An event moves a ticket only if its
   * rank is higher than the ticket's: a late RUNNING of attempt 1 never overwrites RETRYING of
   * attempt 1, nor anything of attempt 2.
   */
  public long rank(int attempt) {
    return attempt * 4L + phase;
  }
}
