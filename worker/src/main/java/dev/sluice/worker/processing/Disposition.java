package dev.sluice.worker.processing;

/** What to tell the broker about a job after processing it. */
enum Disposition {
  /** Its result is safely on the results queue: acknowledge it. */
  ACKNOWLEDGE,
  /** Its result could not be published: give it back, to be run again. */
  REQUEUE,
  /** It can never be processed (unreadable): dead-letter it. */
  REJECT
}
