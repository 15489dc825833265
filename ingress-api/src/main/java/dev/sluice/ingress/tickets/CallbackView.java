package dev.sluice.ingress.tickets;

import org.jspecify.annotations.Nullable;

/**
 * Where a ticket's webhook stands.
 *
 * @param url where it is sent
 * @param status PENDING until delivered or given up on
 * @param attempts deliveries tried so far
 * @param lastStatusCode the receiver's last answer, if it answered
 * @param lastError why the last try failed
 */
public record CallbackView(
    String url,
    Status status,
    int attempts,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError) {

  /** Delivery state of a webhook. */
  public enum Status {
    PENDING,
    DELIVERED,
    FAILED
  }
}
