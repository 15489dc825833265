package dev.sluice.ingress.tickets;

import org.jspecify.annotations.Nullable;

/**
 * A ticket is in a final status (published again when a duplicate final event arrives, so that what
 * follows a final status is done at least once). Listeners run in the publisher's thread, before
 * the message that caused it is acknowledged.
 *
 * @param ticketId the ticket
 * @param webhookAwaitsQueueing whether the ticket has a webhook not handed to the dispatcher yet,
 *     if the publisher read it along with the change; null if listeners must read it themselves
 * @param announced whether the store has already announced the ticket on the namespace's final
 *     channel, if a long poll watches it
 */
public record TicketFinished(
    String ticketId, @Nullable Boolean webhookAwaitsQueueing, boolean announced) {

  /** A ticket made final by a move that read nothing else: listeners look up what they need. */
  public static TicketFinished of(String ticketId) {
    return new TicketFinished(ticketId, null, false);
  }

  /** A ticket made final by a worker's event, which the store applied and announced if watched. */
  public static TicketFinished applied(String ticketId, AppliedEvent applied) {
    return new TicketFinished(ticketId, applied.webhookAwaitsQueueing(), true);
  }
}
