package dev.sluice.ingress.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts submits by how they were answered: {@code sluice.requests.accepted} for 2xx (replays of an
 * idempotent request included), {@code sluice.requests.rejected} by status otherwise. A filter, so
 * that every refusal counts, whichever layer refused.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubmitMeter extends OncePerRequestFilter {

  private static final String SUBMIT_PATH = "/v1/requests";

  private final MeterRegistry meters;
  private final Counter accepted;

  SubmitMeter(MeterRegistry meters) {
    this.meters = meters;
    this.accepted =
        Counter.builder("sluice.requests.accepted")
            .description("Submits answered with a ticket")
            .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && SUBMIT_PATH.equals(request.getRequestURI()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      int status = response.getStatus();
      if (status < 300) {
        accepted.increment();
      } else {
        Counter.builder("sluice.requests.rejected")
            .description("Submits refused, by HTTP status")
            .tag("status", Integer.toString(status))
            .register(meters)
            .increment();
      }
    }
  }
}
