package dev.sluice.worker.handlers;

import java.time.Duration;

/**
 * A handler's answer to "may this job run now?", asked before the attempt starts. A deferred job
 * goes back to a delay queue as it is, without using an attempt and without a ticket update, so
 * that a worker never ties up a consumer waiting for a busy or broken backend.
 */
public sealed interface Admission {

  /** The job may run now; {@code release} is called once the attempt is over, however it ended. */
  record Granted(Runnable release) implements Admission {}

  /** The job should wait {@code delay}, for the given reason, before it is offered again. */
  record Deferred(Duration delay, String reason) implements Admission {}

  /** Run now, with nothing to give back afterwards. */
  static Admission granted() {
    return new Granted(() -> {});
  }
}
