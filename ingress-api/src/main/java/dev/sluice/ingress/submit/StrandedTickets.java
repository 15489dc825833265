package dev.sluice.ingress.submit;

import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.ingress.tickets.TicketStore;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tickets of refused submits without an {@code Idempotency-Key} that Redis may hold although no job
 * was published for them: their write went unanswered (Redis ran the script, its answer came too
 * late), or their withdrawal after a refused publish failed. Such a ticket would sit QUEUED, and
 * count against its client's pending cap, until its TTL, and nobody knows its id. Each is withdrawn
 * in the background once Redis answers again; withdrawing one that was never stored changes
 * nothing. The withdrawal goes over the same connection as the write, so Redis runs it after the
 * write if it runs the write at all.
 *
 * <p>A submit with a key is left alone: a repeat with the key takes its ticket over and publishes
 * its job ({@link IdempotentRepeat}). What is remembered here is lost if the ingress stops; beyond
 * {@value #CAPACITY} at once (a long outage) the oldest are forgotten, most of which Redis never
 * stored: while it is unreachable, writes fail without being sent.
 */
@Component
class StrandedTickets {

  static final int CAPACITY = 10_000;

  private static final Logger log = LoggerFactory.getLogger(StrandedTickets.class);

  private record Stranded(String ticketId, String clientId) {}

  private final TicketStore tickets;
  private final Deque<Stranded> waiting = new ArrayDeque<>();
  private long forgottenCount;

  StrandedTickets(TicketStore tickets) {
    this.tickets = tickets;
  }

  /** Remembers a ticket Redis may hold without a job, to withdraw it once Redis answers. */
  synchronized void add(String ticketId, String clientId) {
    if (waiting.size() == CAPACITY) {
      Stranded forgotten = waiting.removeFirst();
      // one line per thousand: a long outage forgets thousands
      if (forgottenCount++ % 1_000 == 0) {
        log.warn(
            "{} stranded tickets forgotten, beyond {} to remember; these, if stored, stay until"
                + " their TTL (the latest: {})",
            forgottenCount,
            CAPACITY,
            forgotten.ticketId());
      }
    }
    waiting.addLast(new Stranded(ticketId, clientId));
  }

  /** Withdraws the remembered tickets, oldest first, until Redis fails again. */
  @Scheduled(fixedDelay = 1_000)
  void withdrawWaiting() {
    for (Stranded next = oldest(); next != null; next = oldest()) {
      boolean stored;
      try {
        stored = tickets.withdraw(next.ticketId(), next.clientId(), null);
      } catch (ServiceUnavailableException stillAway) {
        return; // the next round tries again
      }
      forget(next);
      if (stored) {
        log.info("Withdrew ticket {}, stored for a refused submit", next.ticketId());
      }
    }
  }

  private synchronized @Nullable Stranded oldest() {
    return waiting.peekFirst();
  }

  private synchronized void forget(Stranded withdrawn) {
    // add() may have dropped it meanwhile; remove only what is still first
    if (waiting.peekFirst() == withdrawn) {
      waiting.removeFirst();
    }
  }
}
