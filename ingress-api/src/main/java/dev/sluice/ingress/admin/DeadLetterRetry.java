package dev.sluice.ingress.admin;

import dev.sluice.ingress.deadletters.DeadLetter;
import dev.sluice.ingress.deadletters.DeadLetterArchive;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.ingress.submit.JobPublisher;
import dev.sluice.ingress.tickets.TicketMoves;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.tickets.TicketView;
import dev.sluice.model.JobRequest;
import dev.sluice.model.TicketStatus;
import org.springframework.stereotype.Service;

/**
 * Runs a dead letter again: its ticket goes back to QUEUED first (so the new attempts' events find
 * it), then the job is published with a fresh budget of attempts; if the publish fails the ticket
 * is put back to FAILED and the dead letter stays.
 */
@Service
class DeadLetterRetry {

  private final DeadLetterArchive archive;
  private final TicketStore tickets;
  private final TicketMoves moves;
  private final JobPublisher publisher;

  DeadLetterRetry(
      DeadLetterArchive archive, TicketStore tickets, TicketMoves moves, JobPublisher publisher) {
    this.moves = moves;
    this.archive = archive;
    this.tickets = tickets;
    this.publisher = publisher;
  }

  TicketView retry(String id) {
    DeadLetter letter = archive.find(id).orElseThrow(() -> notFound(id));
    JobRequest job = letter.job();
    if (job == null) {
      throw notRetryable("Dead letter '" + id + "' is unreadable and cannot run again.");
    }
    TicketView ticket =
        tickets.find(id).orElseThrow(() -> notRetryable("The ticket of '" + id + "' has expired."));
    if (ticket.status() != TicketStatus.FAILED || !moves.requeue(id, ticket.attempts())) {
      throw notRetryable("The ticket of '" + id + "' is " + ticket.status() + ", not FAILED.");
    }
    try {
      publisher.enqueue(job.freshRound(ticket.attempts()));
    } catch (ServiceUnavailableException e) {
      moves.restoreFailed(ticket);
      throw e;
    }
    archive.remove(id);
    return tickets.find(id).orElse(ticket);
  }

  static SluiceException notFound(String id) {
    return new SluiceException(ProblemType.NOT_FOUND, "No dead letter with id '" + id + "'.");
  }

  private static SluiceException notRetryable(String detail) {
    return new SluiceException(ProblemType.DEAD_LETTER_NOT_RETRYABLE, detail);
  }
}
