package dev.sluice.ingress.submit;

import dev.sluice.ingress.auth.Caller;
import dev.sluice.ingress.auth.ClientRateLimiter;
import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.ingress.tickets.IdempotencyClaim;
import dev.sluice.ingress.tickets.IdempotencyClaims;
import dev.sluice.ingress.tickets.NewTicket;
import dev.sluice.ingress.tickets.TicketIds;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.webhooks.CallbackUrlPolicy;
import dev.sluice.model.JobRequest;
import dev.sluice.model.TicketStatus;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts a request: stores its QUEUED ticket (claiming its idempotency key in the same step), then
 * publishes the job, then records on the key that the job is published. The ticket is written first
 * so that a fast worker's result always finds it; if the publish fails, ticket and key are removed
 * again, so a refused request leaves nothing behind; a ticket Redis may hold after its write went
 * unanswered, or its withdrawal failed, is withdrawn once Redis answers ({@link StrandedTickets}).
 * A repeat of a request with its key is {@link IdempotentRepeat}'s.
 */
@Service
class SubmitService {

  private static final Logger log = LoggerFactory.getLogger(SubmitService.class);

  private final JobAdmission admission;
  private final TicketStore tickets;
  private final IdempotencyClaims claims;
  private final IdempotentRepeat repeat;
  private final JobPublisher publisher;
  private final CallbackUrlPolicy callbacks;
  private final ClientRateLimiter rateLimiter;
  private final StrandedTickets stranded;
  private final Duration ticketTtl;
  private final Duration idempotencyTtl;

  SubmitService(
      JobAdmission admission,
      TicketStore tickets,
      IdempotencyClaims claims,
      IdempotentRepeat repeat,
      JobPublisher publisher,
      CallbackUrlPolicy callbacks,
      ClientRateLimiter rateLimiter,
      StrandedTickets stranded,
      IngressProperties properties) {
    this.callbacks = callbacks;
    this.rateLimiter = rateLimiter;
    this.stranded = stranded;
    this.admission = admission;
    this.tickets = tickets;
    this.claims = claims;
    this.repeat = repeat;
    this.publisher = publisher;
    this.ticketTtl = properties.ticketTtl();
    this.idempotencyTtl = properties.idempotencyTtl();
  }

  /** What a submit answered: a new ticket, or the one an earlier request with the key created. */
  record Submission(SubmitResponse ticket, boolean replayed) {}

  Submission submit(SubmitRequest request, @Nullable IdempotencyKey key, Caller caller) {
    JobRequest job = admission.admit(request, TicketIds.next());
    String callbackUrl =
        request.callbackUrl() == null ? null : callbacks.check(request.callbackUrl());
    publisher.checkAccepting();
    rateLimiter.acquire(caller);
    IdempotencyClaim claim =
        key == null ? null : new IdempotencyClaim(key.key(), key.fingerprint(), idempotencyTtl);
    Integer maxPending = caller.limits() == null ? null : caller.limits().maxPending();
    Optional<IdempotencyClaim.Earlier> earlier;
    try {
      earlier =
          tickets.create(
              new NewTicket(job, caller.clientId(), callbackUrl, ticketTtl, claim, maxPending));
    } catch (ServiceUnavailableException e) {
      if (claim == null) {
        stranded.add(job.id(), caller.clientId());
      }
      throw e;
    }
    if (earlier.isPresent()) {
      return new Submission(repeat.answer(request, earlier.get(), claim, caller), true);
    }
    try {
      publisher.enqueue(job);
    } catch (ServiceUnavailableException e) {
      withdraw(job, caller, claim);
      throw e;
    }
    if (claim != null) {
      claims.markQueued(caller.clientId(), claim, job.id());
    }
    return new Submission(
        new SubmitResponse(job.id(), TicketStatus.QUEUED, job.createdAt()), false);
  }

  private void withdraw(JobRequest job, Caller caller, @Nullable IdempotencyClaim claim) {
    try {
      tickets.withdraw(job.id(), caller.clientId(), claim);
    } catch (ServiceUnavailableException e) {
      // The store went away between the write and now. Without a key the ticket is withdrawn once
      // it answers; with one, a repeat with the key publishes its job (IdempotentRepeat).
      log.error("Could not withdraw ticket {} of a refused request", job.id(), e);
      if (claim == null) {
        stranded.add(job.id(), caller.clientId());
      }
    }
  }
}
