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

  /**
   * Whether the job may run now. Handlers that call a limited resource take their share of it here
   * (and give it back in {@link Admission.Granted#release()}), or defer the job while the resource
   * is busy or broken. A payload the handler cannot read should be admitted, so that {@link
   * #handle} can fail it.
   *
   * @throws InterruptedException if the worker is stopping while this waits
   */
  default Admission admit(JsonNode payload) throws InterruptedException {
    return Admission.granted();
  }
}
