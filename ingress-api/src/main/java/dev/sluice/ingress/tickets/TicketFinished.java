package dev.sluice.ingress.tickets;

/**
 * A ticket is in a final status (published again when a duplicate final event arrives, so that what
 * follows a final status is done at least once). Listeners run in the publisher's thread, before
 * the message that caused it is acknowledged.
 *
 * @param ticketId the ticket
 */
public record TicketFinished(String ticketId) {}
