package dev.sluice.ingress.submit;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.model.JobRequest;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Decides whether a submitted request is acceptable, and turns it into a job. */
@Component
class JobAdmission {

  private final Set<String> jobTypes;
  private final Clock clock;

  JobAdmission(IngressProperties properties, Clock clock) {
    this.jobTypes = new TreeSet<>(properties.jobTypes());
    this.clock = clock;
  }

  JobRequest admit(SubmitRequest request, String id) {
    String type = request.type();
    if (type == null || type.isBlank()) {
      throw new SluiceException(ProblemType.INVALID_REQUEST, "Field 'type' is required.");
    }
    if (!jobTypes.contains(type)) {
      throw new SluiceException(
          ProblemType.UNKNOWN_JOB_TYPE,
          "Job type '" + type + "' is not known here. Known types: " + jobTypes + ".");
    }
    JsonNode payload = request.payload();
    if (payload == null || payload.isNull()) {
      payload = JsonNodeFactory.instance.objectNode();
    }
    if (!payload.isObject()) {
      throw new SluiceException(
          ProblemType.INVALID_REQUEST, "Field 'payload' must be a JSON object.");
    }
    return new JobRequest(id, type, payload, clock.instant());
  }
}
