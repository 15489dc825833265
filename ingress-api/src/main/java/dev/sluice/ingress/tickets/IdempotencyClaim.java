package dev.sluice.ingress.tickets;

import java.time.Duration;

/**
 * A client's idempotency key, claimed together with the ticket it creates.
 *
 * @param key the client's key
 * @param fingerprint what identifies the request that came with it
 * @param ttl how long the key is remembered
 */
public record IdempotencyClaim(String key, String fingerprint, Duration ttl) {

  /**
   * The claim an earlier request made on the same key.
   *
   * @param ticketId the ticket it created
   * @param fingerprint what identified that request
   */
  public record Earlier(String ticketId, String fingerprint) {

    static Earlier parse(String record) {
      int space = record.indexOf(' ');
      return new Earlier(record.substring(space + 1), record.substring(0, space));
    }
  }

  String record(String ticketId) {
    return fingerprint + " " + ticketId;
  }
}
