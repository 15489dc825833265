package dev.sluice.ingress.submit;

import dev.sluice.ingress.problems.SluiceException;
import tools.jackson.databind.JsonNode;

/**
 * Checks the payload of one job type at submit, so that a payload its handler would refuse is
 * answered with 400 at once instead of becoming a failed ticket later. Register one as a bean.
 */
public interface PayloadCheck {

  /** The job type whose payloads this checks. */
  String type();

  /**
   * @throws SluiceException if the payload is not acceptable
   */
  void check(JsonNode payload);
}
