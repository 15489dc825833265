package dev.sluice.ingress.tickets;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sluice.model.JobError;
import dev.sluice.model.TicketStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A ticket as clients see it.
 *
 * @param id the ticket id
 * @param type the job type
 * @param status where the job is
 * @param attempts attempts started so far
 * @param createdAt when the ingress accepted the request
 * @param startedAt when the latest attempt started
 * @param completedAt when the ticket reached its final status
 * @param workerId the worker that ran the latest attempt
 * @param result the handler's output, when SUCCEEDED
 * @param error why it failed, when FAILED
 * @param callback the webhook's state, when the request named a {@code callbackUrl}
 * @param clientId the client the ticket belongs to; not shown to clients
 */
public record TicketView(
    String id,
    String type,
    TicketStatus status,
    int attempts,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant completedAt,
    @Nullable String workerId,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JsonNode result,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JobError error,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable CallbackView callback,
    @JsonIgnore String clientId) {

  /** Whether this client may see and act on the ticket. */
  public boolean belongsTo(String client) {
    return clientId.equals(client);
  }
}
