package dev.sluice.ingress.tickets;

import dev.sluice.model.Namespace;
import java.time.Duration;

/**
 * A client's idempotency key, claimed together with the ticket it creates.
 *
 * <p>In Redis the claim is the record "fingerprint ticketId state": the state is the second (on
 * Redis's clock) from which the submit that claimed it publishes its job, and becomes {@code
 * queued} once that job is published. A record written before there was a state counts as queued.
 *
 * @param key the client's key
 * @param fingerprint what identifies the request that came with it
 * @param ttl how long the key is remembered
 */
public record IdempotencyClaim(String key, String fingerprint, Duration ttl) {

  static final String QUEUED = "queued";

  /**
   * The claim an earlier request made on the same key.
   *
   * @param ticketId the ticket it created
   * @param fingerprint what identified that request
   * @param queued whether its job is known to be published
   */
  public record Earlier(String ticketId, String fingerprint, boolean queued) {

    static Earlier parse(String record) {
      String[] parts = record.split(" ");
      return new Earlier(parts[1], parts[0], parts.length < 3 || QUEUED.equals(parts[2]));
    }
  }

  /** The record of a claim whose job is still to be published (the script adds the second). */
  String record(String ticketId) {
    return fingerprint + " " + ticketId;
  }

  String queuedRecord(String ticketId) {
    return record(ticketId) + " " + QUEUED;
  }

  /** The Redis key of this claim: keys are per client. */
  String storeKey(Namespace namespace, String clientId) {
    return namespace.idempotencyKey(clientId + ":" + key);
  }
}
