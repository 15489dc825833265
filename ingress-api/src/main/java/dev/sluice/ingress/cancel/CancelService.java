package dev.sluice.ingress.cancel;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.ingress.store.RedisCalls;
import dev.sluice.ingress.tickets.TicketFinished;
import dev.sluice.ingress.tickets.TicketMoves;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.tickets.TicketView;
import dev.sluice.model.Namespace;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Cancels a request that is not done: its ticket becomes CANCELLED, workers are told (a marker key
 * they check before running a job, and a message on the cancel channel that interrupts a running
 * one), and what follows a final status (long polls, webhook) happens as for any other.
 */
@Service
class CancelService {

  private final TicketStore tickets;
  private final TicketMoves moves;
  private final StringRedisTemplate redis;
  private final Namespace namespace;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Duration markerTtl;

  CancelService(
      TicketStore tickets,
      TicketMoves moves,
      StringRedisTemplate redis,
      Namespace namespace,
      ApplicationEventPublisher events,
      Clock clock,
      IngressProperties properties) {
    this.tickets = tickets;
    this.moves = moves;
    this.redis = redis;
    this.namespace = namespace;
    this.events = events;
    this.clock = clock;
    this.markerTtl = properties.ticketTtl();
  }

  TicketView cancel(String id, String clientId) {
    TicketView current =
        tickets.find(id).filter(t -> t.belongsTo(clientId)).orElseThrow(() -> notFound(id));
    if (!moves.cancel(current.id(), clock.instant())) {
      TicketView ticket = tickets.find(id).orElseThrow(() -> notFound(id));
      throw new SluiceException(
          ProblemType.ALREADY_FINAL, "Request '" + id + "' is already " + ticket.status() + ".");
    }
    RedisCalls.call(
        () -> {
          redis.opsForValue().set(namespace.cancelledKey(id), "1", markerTtl);
          return redis.convertAndSend(namespace.cancelChannel(), id);
        });
    events.publishEvent(TicketFinished.of(id));
    return tickets.find(id).orElseThrow(() -> notFound(id));
  }

  private static SluiceException notFound(String id) {
    return new SluiceException(ProblemType.NOT_FOUND, "No request with id '" + id + "'.");
  }
}
