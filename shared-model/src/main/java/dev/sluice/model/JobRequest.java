package dev.sluice.model;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A unit of work on the requests queue: what the ingress accepted, under the ticket's id.
 *
 * @param id the ticket id
 * @param type the job type, which selects the handler
 * @param payload the handler's input, always a JSON object
 * @param createdAt when the ingress accepted it
 */
public record JobRequest(String id, String type, JsonNode payload, Instant createdAt) {

  public JobRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
