package dev.sluice.ingress.tickets;

/** What applying a worker's event did to its ticket. */
public enum UpdateOutcome {
  /** The ticket moved forward. */
  APPLIED,
  /** The event was older than what the ticket already shows, or a duplicate: ignored. */
  STALE,
  /** No such ticket (expired, or its submit was refused after the message got out). */
  MISSING
}
