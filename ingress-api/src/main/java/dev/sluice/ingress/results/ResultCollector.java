package dev.sluice.ingress.results;

import dev.sluice.ingress.tickets.AppliedEvent;
import dev.sluice.ingress.tickets.TicketFinished;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.tickets.UpdateOutcome;
import dev.sluice.model.JobEvent;
import dev.sluice.model.WireCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies workers' events to tickets. Stale and duplicate events are expected (delivery is at least
 * once) and are dropped by the store; an event for a ticket that no longer exists is logged and
 * dropped too, since there is nobody left to tell.
 */
@Component
class ResultCollector {

  private static final Logger log = LoggerFactory.getLogger(ResultCollector.class);

  private final WireCodec codec;
  private final TicketStore tickets;
  private final ApplicationEventPublisher events;
  private final MeterRegistry meters;

  ResultCollector(
      WireCodec codec,
      TicketStore tickets,
      ApplicationEventPublisher events,
      MeterRegistry meters) {
    this.codec = codec;
    this.tickets = tickets;
    this.events = events;
    this.meters = meters;
  }

  /**
   * @throws dev.sluice.model.UnreadableMessageException if the body is not an event
   * @throws dev.sluice.ingress.problems.ServiceUnavailableException if Redis is down; the event
   *     must then stay on the queue
   */
  UpdateOutcome collect(byte[] body) {
    JobEvent event = codec.decode(body, JobEvent.class);
    AppliedEvent applied = tickets.apply(event);
    UpdateOutcome outcome = applied.outcome();
    if (event.status().isFinal() && outcome == UpdateOutcome.APPLIED) {
      meters.counter("sluice.tickets.finished", "status", event.status().name()).increment();
    }
    if (event.status().isFinal() && outcome != UpdateOutcome.MISSING) {
      // also for a duplicate: what follows a final status must happen at least once
      events.publishEvent(TicketFinished.applied(event.ticketId(), applied));
    }
    if (outcome == UpdateOutcome.MISSING) {
      log.warn(
          "Dropped {} event of attempt {} for unknown ticket {}",
          event.status(),
          event.attempt(),
          event.ticketId());
    } else {
      log.debug(
          "{} event of attempt {} for {}: {}",
          event.status(),
          event.attempt(),
          event.ticketId(),
          outcome);
    }
    return outcome;
  }
}
