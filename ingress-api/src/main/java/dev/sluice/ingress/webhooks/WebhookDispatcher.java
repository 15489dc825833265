package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.tickets.CallbackRecords;
import dev.sluice.ingress.tickets.CallbackView;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.tickets.TicketView;
import dev.sluice.model.WireCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one try of a webhook and decides what follows: DELIVERED on a 2xx, FAILED on 410 Gone or
 * when the schedule is used up, otherwise another try later. The next try is on the broker before
 * the ticket says PENDING, so a crash in between repeats a try rather than losing it.
 */
final class WebhookDispatcher {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final TicketStore tickets;
  private final CallbackRecords callbacks;
  private final WebhookQueue queue;
  private final WebhookSender sender;
  private final WireCodec codec;
  private final MeterRegistry meters;

  WebhookDispatcher(
      TicketStore tickets,
      CallbackRecords callbacks,
      WebhookQueue queue,
      WebhookSender sender,
      WireCodec codec,
      MeterRegistry meters) {
    this.meters = meters;
    this.tickets = tickets;
    this.callbacks = callbacks;
    this.queue = queue;
    this.sender = sender;
    this.codec = codec;
  }

  void dispatch(WebhookDelivery delivery) {
    TicketView ticket = tickets.find(delivery.ticketId()).orElse(null);
    if (ticket == null || ticket.callback() == null) {
      log.warn("Dropping webhook {}: its ticket is gone", delivery.webhookId());
      return;
    }
    var answer = sender.send(ticket.callback().url(), delivery.webhookId(), codec.encode(ticket));
    CallbackView.Status status;
    if (answer.delivered()) {
      status = CallbackView.Status.DELIVERED;
    } else if (!answer.gone() && queue.mayRetryAfter(delivery.attempt())) {
      queue.scheduleRetry(delivery);
      status = CallbackView.Status.PENDING;
    } else {
      status = CallbackView.Status.FAILED;
    }
    callbacks.recordCallback(
        delivery.ticketId(), status, delivery.attempt(), answer.statusCode(), answer.error());
    meters.counter("sluice.webhooks", "outcome", outcome(status)).increment();
    log.debug("Webhook {} try {}: {} {}", delivery.webhookId(), delivery.attempt(), status, answer);
  }

  /** {@code delivered}, {@code retrying} (another try is scheduled) or {@code failed}. */
  private static String outcome(CallbackView.Status status) {
    return switch (status) {
      case DELIVERED -> "delivered";
      case FAILED -> "failed";
      case PENDING -> "retrying";
    };
  }
}
