package dev.sluice.worker.upstreams;

/**
 * What the shared throttle of one upstream said, as seen by this worker.
 *
 * @param rate requests per second the pool may start now
 * @param version changes whenever the rate does, so buckets know when to take the new rate
 * @param pausedUntilNanos the upstream is paused until then, by this worker's {@link
 *     System#nanoTime()}
 */
record ThrottleState(double rate, long version, long pausedUntilNanos) {

  /** How long the upstream stays paused, in nanoseconds; 0 or less when it is not. */
  long pauseLeftNanos() {
    return pausedUntilNanos - System.nanoTime();
  }
}
