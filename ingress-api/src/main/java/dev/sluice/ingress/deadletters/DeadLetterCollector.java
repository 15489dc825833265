package dev.sluice.ingress.deadletters;

import dev.sluice.ingress.tickets.TicketFinished;
import dev.sluice.ingress.tickets.TicketMoves;
import dev.sluice.model.JobError;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Topology;
import dev.sluice.model.UnreadableMessageException;
import dev.sluice.model.WireCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Takes what arrives on the dead queue into the archive. A job the broker dead-lettered because it
 * was delivered too often (its attempts kept killing workers) gets its ticket FAILED with code
 * {@code poison}; exhausted jobs were already failed by the worker that sent them here.
 */
@Component
class DeadLetterCollector {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterCollector.class);

  /** The reasons RabbitMQ writes into {@code x-death}. */
  private static final String DELIVERY_LIMIT = "delivery_limit";

  private static final String REJECTED = "rejected";

  private final WireCodec codec;
  private final DeadLetterArchive archive;
  private final TicketMoves moves;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final MeterRegistry meters;

  DeadLetterCollector(
      WireCodec codec,
      DeadLetterArchive archive,
      TicketMoves moves,
      Clock clock,
      ApplicationEventPublisher events,
      MeterRegistry meters) {
    this.meters = meters;
    this.codec = codec;
    this.archive = archive;
    this.moves = moves;
    this.clock = clock;
    this.events = events;
  }

  void collect(Message message) {
    Instant now = clock.instant();
    MessageProperties properties = message.getMessageProperties();
    String reason = reason(properties);
    JobRequest job;
    try {
      job = codec.decode(message.getBody(), JobRequest.class);
    } catch (UnreadableMessageException e) {
      String id = "unreadable-" + UUID.randomUUID();
      log.error("Archived unreadable dead letter as {}: {}", id, e.getMessage());
      archive.archive(
          new DeadLetter(
              id,
              "unknown",
              DeadLetter.UNREADABLE,
              0,
              now,
              new JobError(JobError.UNREADABLE, String.valueOf(e.getMessage())),
              null));
      count(DeadLetter.UNREADABLE);
      return;
    }
    JobError error = error(reason, properties);
    int attempts = job.attemptsDone() + deliveries(properties);
    archive.archive(new DeadLetter(job.id(), job.type(), reason, attempts, now, error, job));
    count(reason);
    if (!DeadLetter.EXHAUSTED.equals(reason) && error != null) {
      moves.fail(job.id(), error, now);
      events.publishEvent(TicketFinished.of(job.id()));
    }
    log.warn("Dead letter {} ({}): {}", job.id(), reason, error);
  }

  private void count(String reason) {
    meters.counter("sluice.deadletters", "reason", reason).increment();
  }

  private static String reason(MessageProperties properties) {
    Object own = properties.getHeaders().get(Topology.DEAD_REASON_HEADER);
    if (own != null) {
      return own.toString();
    }
    String brokerReason = firstDeathReason(properties);
    return switch (brokerReason) {
      case DELIVERY_LIMIT -> DeadLetter.POISON;
      case REJECTED -> DeadLetter.UNREADABLE;
      default -> brokerReason;
    };
  }

  private static @Nullable JobError error(String reason, MessageProperties properties) {
    return switch (reason) {
      case DeadLetter.EXHAUSTED -> {
        Object code = properties.getHeaders().get(Topology.DEAD_ERROR_CODE_HEADER);
        Object message = properties.getHeaders().get(Topology.DEAD_ERROR_MESSAGE_HEADER);
        yield code == null ? null : new JobError(code.toString(), String.valueOf(message));
      }
      case DeadLetter.POISON ->
          new JobError(
              JobError.POISON,
              "the job was delivered "
                  + deliveries(properties)
                  + " times without an attempt finishing; the worker died each time");
      default -> new JobError(reason, "dead-lettered by the broker: " + reason);
    };
  }

  private static String firstDeathReason(MessageProperties properties) {
    List<Map<String, ?>> deaths = properties.getXDeathHeader();
    if (deaths == null || deaths.isEmpty()) {
      return "unknown";
    }
    return String.valueOf(deaths.getFirst().get("reason"));
  }

  private static int deliveries(MessageProperties properties) {
    Object count = properties.getHeaders().get("x-delivery-count");
    return count instanceof Number n ? n.intValue() : 0;
  }
}
