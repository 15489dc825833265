package dev.sluice.ingress.webhooks;

/**
 * One try of a webhook, as it waits on the webhook queue.
 *
 * @param ticketId the ticket whose final state is sent
 * @param webhookId the {@code webhook-id}: the same for every try of one event, so receivers can
 *     de-duplicate
 * @param attempt the try, from 1
 */
record WebhookDelivery(String ticketId, String webhookId, int attempt) {

  static WebhookDelivery first(String ticketId) {
    return new WebhookDelivery(ticketId, "msg_" + ticketId.replace("-", ""), 1);
  }

  WebhookDelivery next() {
    return new WebhookDelivery(ticketId, webhookId, attempt + 1);
  }
}
