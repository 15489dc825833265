package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.tickets.TicketFinished;
import dev.sluice.ingress.tickets.TicketStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues the webhook of a ticket that became final. The delivery is on the broker before the ticket
 * is marked, and the event that finished the ticket is acknowledged only after both, so a crash
 * means the webhook is queued twice (same webhook-id) rather than never.
 */
@Component
class WebhookTrigger {

  private final TicketStore tickets;
  private final WebhookQueue queue;

  WebhookTrigger(TicketStore tickets, WebhookQueue queue) {
    this.tickets = tickets;
    this.queue = queue;
  }

  @EventListener
  void onFinished(TicketFinished finished) {
    if (tickets.callbackAwaitsQueueing(finished.ticketId())) {
      queue.enqueue(WebhookDelivery.first(finished.ticketId()));
      tickets.markCallbackQueued(finished.ticketId());
    }
  }

  /** Sends a final ticket's webhook again, from its first try. */
  void redeliver(String ticketId) {
    tickets.resetCallback(ticketId);
    queue.enqueue(WebhookDelivery.first(ticketId));
  }
}
