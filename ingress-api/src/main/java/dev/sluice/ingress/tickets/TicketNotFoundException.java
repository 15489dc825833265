package dev.sluice.ingress.tickets;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;

/** No ticket with that id exists (never did, or it expired). */
class TicketNotFoundException extends SluiceException {

  TicketNotFoundException(String id) {
    super(ProblemType.NOT_FOUND, "No request with id '" + id + "'.");
  }
}
