package dev.sluice.ingress.submit;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.model.JobRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Decides whether a submitted request is acceptable, and turns it into a job. */
@Component
class JobAdmission {

  private static final int MAX_TYPE_LENGTH = 64;

  private final Set<String> jobTypes;
  private final Map<String, PayloadCheck> payloadChecks;
  private final int defaultMaxAttempts;
  private final long defaultTimeoutMs;
  private final long maxTimeoutMs;
  private final Clock clock;

  JobAdmission(IngressProperties properties, List<PayloadCheck> payloadChecks, Clock clock) {
    this.jobTypes = new TreeSet<>(properties.jobTypes());
    this.payloadChecks =
        payloadChecks.stream().collect(Collectors.toMap(PayloadCheck::type, check -> check));
    this.defaultMaxAttempts = properties.defaultMaxAttempts();
    this.defaultTimeoutMs = properties.defaultTimeout().toMillis();
    this.maxTimeoutMs = properties.maxTimeout().toMillis();
    this.clock = clock;
  }

  JobRequest admit(SubmitRequest request, String id) {
    String type = type(request);
    JsonNode payload = payload(request);
    PayloadCheck check = payloadChecks.get(type);
    if (check != null) {
      check.check(payload);
    }
    return JobRequest.accepted(
        id, type, payload, clock.instant(), maxAttempts(request), timeoutMs(request));
  }

  private String type(SubmitRequest request) {
    String type = request.type();
    if (type == null || type.isBlank()) {
      throw invalid("Field 'type' is required.");
    }
    if (type.length() > MAX_TYPE_LENGTH) {
      throw invalid("Field 'type' is longer than " + MAX_TYPE_LENGTH + " characters.");
    }
    if (!jobTypes.contains(type)) {
      throw new SluiceException(
          ProblemType.UNKNOWN_JOB_TYPE,
          "Job type '" + type + "' is not known here. Known types: " + jobTypes + ".");
    }
    return type;
  }

  private static JsonNode payload(SubmitRequest request) {
    JsonNode payload = request.payload();
    if (payload == null || payload.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!payload.isObject()) {
      throw invalid("Field 'payload' must be a JSON object.");
    }
    return payload;
  }

  private int maxAttempts(SubmitRequest request) {
    Integer maxAttempts = request.maxAttempts();
    if (maxAttempts == null) {
      return defaultMaxAttempts;
    }
    if (maxAttempts < 1 || maxAttempts > IngressProperties.MAX_ATTEMPTS) {
      throw invalid(
          "Field 'maxAttempts' must be between 1 and " + IngressProperties.MAX_ATTEMPTS + ".");
    }
    return maxAttempts;
  }

  private long timeoutMs(SubmitRequest request) {
    Long timeoutMs = request.timeoutMs();
    if (timeoutMs == null) {
      return defaultTimeoutMs;
    }
    if (timeoutMs < 1 || timeoutMs > maxTimeoutMs) {
      throw invalid("Field 'timeoutMs' must be between 1 and " + maxTimeoutMs + ".");
    }
    return timeoutMs;
  }

  private static SluiceException invalid(String detail) {
    return new SluiceException(ProblemType.INVALID_REQUEST, detail);
  }
}
