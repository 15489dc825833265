package dev.sluice.ingress.submit;

import dev.sluice.model.TicketStatus;
import java.time.Instant;

/**
 * The ticket handed out for an accepted request.
 *
 * @param id the ticket id
 * @param status QUEUED for a new ticket; the current status when an idempotent request is replayed
 * @param statusUrl where to poll the ticket
 * @param createdAt when the request was accepted
 */
record SubmitResponse(String id, TicketStatus status, String statusUrl, Instant createdAt) {

  SubmitResponse(String id, TicketStatus status, Instant createdAt) {
    this(id, status, "/v1/requests/" + id, createdAt);
  }
}
