package dev.sluice.ingress.upstreams;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.ingress.submit.PayloadCheck;
import dev.sluice.model.http.HttpCall;
import dev.sluice.model.http.InvalidHttpCallException;
import dev.sluice.support.upstreams.UpstreamsProperties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Refuses {@code http} jobs that name an upstream that is not configured, or whose path or headers
 * could reach anything but that upstream (the rules are {@link HttpCall}'s, which workers apply
 * again before sending).
 */
@Component
class HttpPayloadCheck implements PayloadCheck {

  private final Set<String> upstreams;

  HttpPayloadCheck(UpstreamsProperties properties) {
    this.upstreams = new TreeSet<>(properties.names());
  }

  @Override
  public String type() {
    return "http";
  }

  @Override
  public void check(JsonNode payload) {
    HttpCall call;
    try {
      call = HttpCall.parse(payload);
    } catch (InvalidHttpCallException e) {
      throw new SluiceException(ProblemType.INVALID_PAYLOAD, e.getMessage());
    }
    if (!upstreams.contains(call.upstream())) {
      throw new SluiceException(
          ProblemType.UNKNOWN_UPSTREAM,
          "Upstream '"
              + call.upstream()
              + "' is not configured. Known upstreams: "
              + upstreams
              + ".");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(UpstreamsProperties.class)
  static class UpstreamsConfiguration {}
}
