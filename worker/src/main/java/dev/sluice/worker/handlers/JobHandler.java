package dev.sluice.worker.handlers;

import tools.jackson.databind.JsonNode;

/**
 * Does the work of one job type. Register one as a Spring bean per type; the worker routes each job
 * to the handler whose {@link #type()} matches.
 *
 * <p>Delivery is at least once: a handler may run more than once for the same ticket (after a
 * worker crash, say), so it should be safe to repeat. It runs on a virtual thread, so blocking I/O
 * is fine.
 */
public interface JobHandler {

  /** The job type this handler serves, as clients name it in {@code POST /v1/requests}. */
  String type();

  /**
   * Runs one attempt.
   *
   * @return the result the ticket will show
   * @throws JobFailedException to fail with a specific error code; any other exception fails the
   *     attempt with code {@code handler-error}
   */
  JsonNode handle(JobContext context, JsonNode payload) throws Exception;
}
