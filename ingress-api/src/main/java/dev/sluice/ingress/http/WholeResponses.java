package dev.sluice.ingress.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends each API answer in one write, with a {@code Content-Length}, instead of two.
 *
 * <p>Spring MVC flushes the response after writing a {@code ResponseEntity} (every API answer is
 * one, problem answers included). The flush commits the response before the servlet container knows
 * the body's length, so Tomcat sends the headers and body with chunked encoding and then, when the
 * request ends, the last chunk in a second write: two system calls, two TCP segments and two
 * wake-ups of the client for every submit. Ignoring the flush leaves the response in Tomcat's
 * buffer until the request ends, when Tomcat sets its length and writes it out at once. A body
 * larger than the buffer (8 KB) still goes out in chunks as the buffer fills.
 *
 * <p>Only for the API ({@link ApiRequests}), where no endpoint streams: an endpoint that does
 * (server sent events) needs its flushes and must stay outside.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class WholeResponses extends OncePerRequestFilter {

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !ApiRequests.isApi(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, new FlushDeferred(response));
  }

  /** The response, with flushes left to the container, which writes it when the request ends. */
  private static final class FlushDeferred extends HttpServletResponseWrapper {

    FlushDeferred(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void flushBuffer() {}
  }
}
