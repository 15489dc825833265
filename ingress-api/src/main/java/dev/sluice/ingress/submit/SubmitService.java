package dev.sluice.ingress.submit;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.ingress.tickets.TicketIds;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.model.JobRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts a request: stores its QUEUED ticket, then publishes the job. The ticket is written first
 * so that a fast worker's result always finds it; if the publish fails, the ticket is removed
 * again, so a refused request leaves nothing behind.
 */
@Service
class SubmitService {

  private static final Logger log = LoggerFactory.getLogger(SubmitService.class);

  private final JobAdmission admission;
  private final TicketStore tickets;
  private final JobPublisher publisher;
  private final Duration ticketTtl;

  SubmitService(
      JobAdmission admission,
      TicketStore tickets,
      JobPublisher publisher,
      IngressProperties properties) {
    this.admission = admission;
    this.tickets = tickets;
    this.publisher = publisher;
    this.ticketTtl = properties.ticketTtl();
  }

  JobRequest submit(SubmitRequest request) {
    JobRequest job = admission.admit(request, TicketIds.next());
    tickets.create(job, ticketTtl);
    try {
      publisher.enqueue(job);
    } catch (ServiceUnavailableException e) {
      withdraw(job);
      throw e;
    }
    return job;
  }

  private void withdraw(JobRequest job) {
    try {
      tickets.delete(job.id());
    } catch (ServiceUnavailableException e) {
      // The store went away between the write and now; the ticket stays QUEUED until its TTL.
      log.error("Could not withdraw ticket {} of a refused request", job.id(), e);
    }
  }
}
