package dev.sluice.ingress.auth;

import dev.sluice.ingress.tickets.TicketFinished;
import dev.sluice.ingress.tickets.TicketStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A ticket that became final no longer counts against its client's cap on pending tickets. */
@Component
class PendingRelease {

  private final TicketStore tickets;

  PendingRelease(TicketStore tickets) {
    this.tickets = tickets;
  }

  @EventListener
  void onFinished(TicketFinished finished) {
    tickets
        .find(finished.ticketId())
        .ifPresent(ticket -> tickets.release(ticket.id(), ticket.clientId()));
  }
}
