package dev.sluice.ingress.submit;

import dev.sluice.ingress.auth.Caller;
import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.ingress.tickets.IdempotencyClaim;
import dev.sluice.ingress.tickets.IdempotencyClaims;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.tickets.TicketView;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.stereotype.Component;

/**
 * Answers a request whose {@code Idempotency-Key} an earlier request claimed, with the ticket that
 * request created. Nearly always that request published its job. If it has not said so yet, the
 * repeat waits while it may still publish; once that is past the time a submit can take, the
 * earlier submit was abandoned (its ingress died, or Redis stored its ticket but the answer was
 * lost and the client got 503), and the repeat publishes the job itself rather than answer with a
 * ticket whose job nobody would run.
 */
@Component
class IdempotentRepeat {

  private static final Logger log = LoggerFactory.getLogger(IdempotentRepeat.class);

  /**
   * How long a waiting repeat first waits before asking Redis again, in ms; it doubles up to {@link
   * #LONGEST_PAUSE_MS}, so that clients repeating eagerly while the broker is slow add little load.
   */
  private static final long FIRST_PAUSE_MS = 20;

  private static final long LONGEST_PAUSE_MS = 500;
  private static final Duration LETTUCE_DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final JobAdmission admission;
  private final TicketStore tickets;
  private final IdempotencyClaims claims;
  private final JobPublisher publisher;
  private final Duration abandonedAfter;

  IdempotentRepeat(
      JobAdmission admission,
      TicketStore tickets,
      IdempotencyClaims claims,
      JobPublisher publisher,
      IngressProperties ingress,
      DataRedisProperties redis) {
    this.admission = admission;
    this.tickets = tickets;
    this.claims = claims;
    this.publisher = publisher;
    this.abandonedAfter = longestSubmit(ingress, redis);
  }

  /**
   * The longest a submit takes from storing its ticket to recording that it published: the store's
   * answer, the publish, the record, and a second for the clocks of Redis and the ingress.
   */
  private static Duration longestSubmit(IngressProperties ingress, DataRedisProperties redis) {
    Duration store = redis.getTimeout() == null ? LETTUCE_DEFAULT_TIMEOUT : redis.getTimeout();
    return ingress.publishTimeout().plus(store.multipliedBy(2)).plusSeconds(1);
  }

  /**
   * @throws SluiceException 422 if the earlier request had another body; 409 if its ticket went
   *     meanwhile, or it stays unsettled for twice the longest a submit takes (another repeat keeps
   *     taking it over and failing)
   * @throws ServiceUnavailableException if Redis or the broker is unavailable
   */
  SubmitResponse answer(
      SubmitRequest request,
      IdempotencyClaim.Earlier earlier,
      IdempotencyClaim claim,
      Caller caller) {
    if (!earlier.fingerprint().equals(claim.fingerprint())) {
      throw new SluiceException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "Idempotency key '" + claim.key() + "' was used with a different request.");
    }
    if (!earlier.queued()) {
      settle(request, earlier.ticketId(), claim, caller);
    }
    TicketView ticket = tickets.find(earlier.ticketId()).orElseThrow(IdempotentRepeat::unsettled);
    return new SubmitResponse(ticket.id(), ticket.status(), ticket.createdAt());
  }

  private void settle(
      SubmitRequest request, String ticketId, IdempotencyClaim claim, Caller caller) {
    long giveUpAt = System.nanoTime() + abandonedAfter.multipliedBy(2).toNanos();
    long pauseMs = FIRST_PAUSE_MS;
    while (true) {
      switch (claims.settle(caller.clientId(), claim, ticketId, abandonedAfter)) {
        case QUEUED -> {
          return;
        }
        case GONE -> throw unsettled();
        case TAKEN -> {
          log.warn(
              "Publishing the job of ticket {}: the submit that stored it never did", ticketId);
          publisher.enqueue(admission.admit(request, ticketId));
          claims.markQueued(caller.clientId(), claim, ticketId);
          return;
        }
        case PENDING -> {
          if (System.nanoTime() > giveUpAt) {
            throw unsettled();
          }
          pause(pauseMs);
          pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
        }
      }
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unsettled();
    }
  }

  private static SluiceException unsettled() {
    return new SluiceException(
        ProblemType.IDEMPOTENCY_CONFLICT,
        "The request first sent with this key is not settled; try again.");
  }
}
