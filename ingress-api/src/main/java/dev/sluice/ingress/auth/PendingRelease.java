package dev.sluice.ingress.auth;

import dev.sluice.ingress.tickets.TicketFinished;
import dev.sluice.ingress.tickets.TicketStore;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A ticket that became final no longer counts against its client's cap on pending tickets. Only
 * clients with a cap have pending tickets counted, so for the others (and with no client capped,
 * for every ticket) there is nothing to read or release.
 */
@Component
class PendingRelease {

  private final TicketStore tickets;
  private final Set<String> cappedClients;

  PendingRelease(TicketStore tickets, AuthProperties auth) {
    this.tickets = tickets;
    this.cappedClients =
        auth.clients().entrySet().stream()
            .filter(client -> client.getValue().maxPending() != null)
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
  }

  @EventListener
  void onFinished(TicketFinished finished) {
    if (cappedClients.isEmpty()) {
      return;
    }
    tickets
        .clientOf(finished.ticketId())
        .filter(cappedClients::contains)
        .ifPresent(client -> tickets.release(finished.ticketId(), client));
  }
}
