package dev.sluice.model;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between attempts: the n-th retry waits about {@code initial *
 * 2^(n-1)}, capped at {@code max}, then spread by up to a fifth either way so that jobs that failed
 * together do not all come back together.
 *
 * <p>Each doubling has its own delay queue (a level), so that a long delay never holds up a short
 * one behind it: a queue only expires messages from its head.
 *
 * @param initial delay before the first retry
 * @param max longest delay
 */
public record RetryPolicy(Duration initial, Duration max) {

  private static final double JITTER = 0.2;

  public RetryPolicy {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
    }
  }

  public static RetryPolicy backoff(Duration initial, Duration max) {
    return new RetryPolicy(initial, max);
  }

  /** Number of delay queues: one per doubling until the cap. */
  public int levels() {
    int levels = 1;
    for (long delay = initial.toMillis(); delay < max.toMillis(); delay *= 2) {
      levels++;
    }
    return levels;
  }

  /** The delay level after failed attempt {@code attempt} (from 1). */
  public int level(int attempt) {
    return Math.min(Math.max(attempt, 1), levels());
  }

  /**
   * The level whose queue holds a wait of {@code delay}: the first whose base delay is at least as
   * long, so that it never holds up shorter waits behind it by much.
   */
  public int levelFor(Duration delay) {
    int level = 1;
    while (level < levels() && baseDelay(level) < delay.toMillis()) {
      level++;
    }
    return level;
  }

  private long baseDelay(int level) {
    return Math.min(max.toMillis(), initial.toMillis() << (level - 1));
  }

  /** The delay before the retry that follows failed attempt {@code attempt}, with jitter. */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    long base = baseDelay(level(attempt));
    double spread = 1 + JITTER * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
  }
}
