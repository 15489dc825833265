package dev.sluice.worker.upstreams;

import dev.sluice.model.JobError;
import dev.sluice.model.http.HttpCall;
import dev.sluice.model.http.InvalidHttpCallException;
import dev.sluice.worker.handlers.Admission;
import dev.sluice.worker.handlers.JobContext;
import dev.sluice.worker.handlers.JobFailedException;
import dev.sluice.worker.handlers.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Job type {@code http}: forwards a queued request to a configured upstream at a pace it can take,
 * and makes the upstream's answer the job's result ({@code {"status", "headers", "body"}}).
 */
@Component
class HttpHandler implements JobHandler {

  static final String UNKNOWN_UPSTREAM = "unknown-upstream";

  private final UpstreamRegistry upstreams;

  HttpHandler(UpstreamRegistry upstreams) {
    this.upstreams = upstreams;
  }

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Admission admit(JsonNode payload) throws InterruptedException {
    try {
      Upstream upstream = upstreams.find(HttpCall.parse(payload).upstream()).orElse(null);
      // a call that cannot be made is admitted, so that handle() fails it with the reason
      return upstream == null ? Admission.granted() : upstream.admit();
    } catch (InvalidHttpCallException e) {
      return Admission.granted();
    }
  }

  @Override
  public JsonNode handle(JobContext context, JsonNode payload) throws InterruptedException {
    HttpCall call;
    try {
      call = HttpCall.parse(payload);
    } catch (InvalidHttpCallException e) {
      throw JobFailedException.permanent(JobError.INVALID_PAYLOAD, e.getMessage());
    }
    Upstream upstream =
        upstreams
            .find(call.upstream())
            .orElseThrow(
                () ->
                    JobFailedException.permanent(
                        UNKNOWN_UPSTREAM,
                        "upstream '" + call.upstream() + "' is not configured on this worker"));
    return upstream.call(call);
  }
}
