package dev.sluice.ingress.inflight;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.http.ApiRequests;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets at most {@code sluice.ingress.max-in-flight} API requests run at once and refuses the rest
 * with 503 + Retry-After at once. With virtual threads nothing else bounds them: every request in
 * progress holds a Tomcat processor and its buffers, and a burst of connections would otherwise
 * fill the heap and slow every request down with it.
 *
 * <p>A servlet filter, so that a refused request costs as little as it can: no key check, no Redis
 * call, and not Spring MVC's dispatch and exception handling either, which took a quarter of a
 * refusal's CPU when this was an interceptor throwing an exception. It runs inside Spring's HTTP
 * observation, so refusals still show in {@code http.server.requests}. Health and metrics are not
 * behind it: probes answer while the API is full. Refusals are counted, not logged: in a burst
 * there are thousands.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2) // after Spring's observation filter (+ 1)
class InFlightLimit extends OncePerRequestFilter {

  private final Semaphore permits;
  private final int max;
  private final Counter refused;
  private final ProblemWriter problems;

  InFlightLimit(IngressProperties properties, MeterRegistry meters, ProblemWriter problems) {
    this.max = properties.maxInFlight();
    this.permits = new Semaphore(max);
    this.problems = problems;
    Gauge.builder("sluice.api.in.flight", permits, p -> max - p.availablePermits())
        .description("API requests in progress in this ingress")
        .register(meters);
    this.refused =
        Counter.builder("sluice.api.busy")
            .description("API requests refused because max-in-flight were in progress")
            .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !ApiRequests.isApi(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!permits.tryAcquire()) {
      refused.increment();
      problems.write(
          request,
          response,
          ProblemType.BUSY,
          max + " requests are in progress here; try again later.");
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      permits.release();
    }
  }
}
