package dev.sluice.ingress.tickets;

import dev.sluice.ingress.config.IngressProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * Lets at most {@code sluice.ingress.max-long-polls} long polls wait at once. A long poll holds one
 * of the ingress's requests in flight for up to 30 s; bounded below {@code max-in-flight}, they
 * cannot crowd out submits. A long poll beyond the bound is not refused: it answers at once, as a
 * plain poll, and its client polls again after the Retry-After.
 */
@Component
class LongPollSlots {

  private final Semaphore slots;
  private final Counter declined;

  LongPollSlots(IngressProperties properties, MeterRegistry meters) {
    this.slots = new Semaphore(properties.maxLongPolls());
    this.declined =
        Counter.builder("sluice.long.polls.declined")
            .description("Long polls answered at once because max-long-polls were waiting")
            .register(meters);
  }

  /** Takes a slot if one is free; a caller that got one must {@link #release} it. */
  boolean tryTake() {
    if (slots.tryAcquire()) {
      return true;
    }
    declined.increment();
    return false;
  }

  void release() {
    slots.release();
  }
}
