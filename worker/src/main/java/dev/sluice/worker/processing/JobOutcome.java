package dev.sluice.worker.processing;

import dev.sluice.model.JobError;
import tools.jackson.databind.JsonNode;

/** How one attempt ended. */
sealed interface JobOutcome {

  /** The handler returned a result. */
  record Succeeded(JsonNode result) implements JobOutcome {}

  /**
   * The attempt failed.
   *
   * @param permanent no further attempt can succeed: do not retry
   */
  record Failed(JobError error, boolean permanent) implements JobOutcome {}

  /** The job was cancelled while it ran; its ticket is final already, so nothing is reported. */
  record Cancelled() implements JobOutcome {}
}
