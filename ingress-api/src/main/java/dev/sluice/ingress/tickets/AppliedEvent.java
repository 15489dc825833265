package dev.sluice.ingress.tickets;

/**
 * What applying a worker's event did, and what the store read along with it.
 *
 * @param outcome whether the ticket moved
 * @param webhookAwaitsQueueing for a final event: the ticket has a webhook not handed to the
 *     dispatcher yet; false for any other event
 */
public record AppliedEvent(UpdateOutcome outcome, boolean webhookAwaitsQueueing) {}
