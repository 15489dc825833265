package dev.sluice.ingress.tickets;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/** Reads a ticket at once, or after waiting for it to become final (long polling). */
@Component
class TicketReader {

  private final TicketStore store;
  private final FinalNotifications notifications;

  TicketReader(TicketStore store, FinalNotifications notifications) {
    this.store = store;
    this.notifications = notifications;
  }

  /** The ticket, if it exists and belongs to {@code clientId}; others get the same 404. */
  TicketView read(String id, String clientId) {
    return owned(store.find(id), id, clientId);
  }

  /**
   * Returns as soon as the ticket is final, or when {@code wait} has passed, with the ticket as it
   * is then. The notification is awaited before the first read, which also marks the ticket watched
   * (only watched tickets are announced), so none can slip in between.
   */
  TicketView readWhenFinal(String id, String clientId, Duration wait) {
    var finished = notifications.await(id);
    try {
      TicketView ticket = owned(store.watch(id, clientId), id, clientId);
      if (ticket.status().isFinal()) {
        return ticket;
      }
      finished.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // the wait ran out: answer with the ticket as it is
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a notification future never fails", e);
    } finally {
      notifications.forget(id, finished);
    }
    return read(id, clientId);
  }

  private static TicketView owned(Optional<TicketView> found, String id, String clientId) {
    return found
        .filter(ticket -> ticket.belongsTo(clientId))
        .orElseThrow(() -> new TicketNotFoundException(id));
  }
}
