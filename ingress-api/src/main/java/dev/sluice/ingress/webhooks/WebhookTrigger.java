package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.tickets.CallbackRecords;
import dev.sluice.ingress.tickets.TicketFinished;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues the webhook of a ticket that became final. The delivery is on the broker before the ticket
 * is marked, and the event that finished the ticket is acknowledged only after both, so a crash
 * means the webhook is queued twice (same webhook-id) rather than never.
 */
@Component
class WebhookTrigger {

  private final CallbackRecords callbacks;
  private final WebhookQueue queue;

  WebhookTrigger(CallbackRecords callbacks, WebhookQueue queue) {
    this.callbacks = callbacks;
    this.queue = queue;
  }

  @EventListener
  void onFinished(TicketFinished finished) {
    Boolean known = finished.webhookAwaitsQueueing();
    if (known != null ? known : callbacks.callbackAwaitsQueueing(finished.ticketId())) {
      queue.enqueue(WebhookDelivery.first(finished.ticketId()));
      callbacks.markCallbackQueued(finished.ticketId());
    }
  }

  /** Sends a final ticket's webhook again, from its first try. */
  void redeliver(String ticketId) {
    callbacks.resetCallback(ticketId);
    queue.enqueue(WebhookDelivery.first(ticketId));
  }
}
