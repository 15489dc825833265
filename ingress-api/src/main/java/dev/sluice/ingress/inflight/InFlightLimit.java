package dev.sluice.ingress.inflight;

import dev.sluice.ingress.config.IngressProperties;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets at most {@code sluice.ingress.max-in-flight} API requests run at once and refuses the rest
 * with 503 + Retry-After at once. With virtual threads nothing else bounds them: every request in
 * progress holds a Tomcat processor and its buffers, and a burst of connections would otherwise
 * fill the heap and slow every request down with it. Refusals are counted, not logged: in a burst
 * there are thousands.
 */
@Component
class InFlightLimit implements HandlerInterceptor {

  private final Semaphore permits;
  private final int max;
  private final Counter refused;

  InFlightLimit(IngressProperties properties, MeterRegistry meters) {
    this.max = properties.maxInFlight();
    this.permits = new Semaphore(max);
    Gauge.builder("sluice.api.in.flight", permits, p -> max - p.availablePermits())
        .description("API requests in progress in this ingress")
        .register(meters);
    this.refused =
        Counter.builder("sluice.api.busy")
            .description("API requests refused because max-in-flight were in progress")
            .register(meters);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!permits.tryAcquire()) {
      refused.increment();
      throw new SluiceException(
          ProblemType.BUSY, max + " requests are in progress here; try again later.");
    }
    return true;
  }

  /** Called for every request whose {@link #preHandle} let it in, whatever its outcome. */
  @Override
  public void afterCompletion(
      HttpServletRequest request,
      HttpServletResponse response,
      Object handler,
      @Nullable Exception e) {
    permits.release();
  }
}
