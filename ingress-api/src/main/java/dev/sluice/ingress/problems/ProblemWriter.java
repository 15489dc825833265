package dev.sluice.ingress.problems;

import dev.sluice.ingress.config.IngressProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem answer straight to the servlet response, for refusals a servlet filter makes
 * before Spring MVC is involved: the same document and headers as {@link ApiExceptionHandler}'s
 * answers, without the exception, the dispatcher and the exception resolvers, which took a quarter
 * of a refused request's CPU.
 */
@Component
public class ProblemWriter {

  private final JsonMapper json;
  private final String retryAfterSeconds;

  ProblemWriter(JsonMapper json, IngressProperties properties) {
    // Spring MVC's converter renders problems with this mix-in (no empty "properties")
    this.json =
        json.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    this.retryAfterSeconds = properties.unavailableRetryAfterHeader();
  }

  public void write(
      HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
      throws IOException {
    ProblemDetail problem = type.problem(detail);
    problem.setInstance(URI.create(request.getRequestURI()));
    byte[] body = json.writeValueAsBytes(problem);
    response.setStatus(type.status().value());
    if (type.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
