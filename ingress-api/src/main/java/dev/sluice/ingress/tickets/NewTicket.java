package dev.sluice.ingress.tickets;

import dev.sluice.model.JobRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to store the ticket of an accepted request.
 *
 * @param job the accepted job
 * @param clientId the client it belongs to; nobody else sees it
 * @param callbackUrl where its webhook goes, if anywhere
 * @param ttl how long the ticket is kept
 * @param claim the request's idempotency key, if it has one (scoped to the client)
 * @param maxPending the client's cap on tickets not yet final, if it has one
 */
public record NewTicket(
    JobRequest job,
    String clientId,
    @Nullable String callbackUrl,
    Duration ttl,
    @Nullable IdempotencyClaim claim,
    @Nullable Integer maxPending) {}
