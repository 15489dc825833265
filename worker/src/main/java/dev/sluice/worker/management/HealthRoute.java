package dev.sluice.worker.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;

/**
 * {@code /actuator/health} and its groups ({@code /actuator/health/liveness}, {@code
 * .../readiness}), answered by Spring Boot's own web extension of the health endpoint: the same
 * statuses, HTTP codes (503 for DOWN and OUT_OF_SERVICE) and shown details as on a Spring MVC
 * server, for a caller that is not signed in.
 */
final class HealthRoute implements Route {

  private static final String PATH = "/actuator/health";

  private final HealthEndpointWebExtension health;
  private final Replies replies;

  HealthRoute(HealthEndpointWebExtension health, Replies replies) {
    this.health = health;
    this.replies = replies;
  }

  @Override
  public boolean serves(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  @Override
  public void answer(HttpExchange exchange) throws IOException {
    String rest = exchange.getRequestURI().getPath().substring(PATH.length());
    String[] segments = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
    var reply =
        health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, segments);
    if (reply.getBody() == null) {
      replies.problem(exchange, reply.getStatus(), "No such health group or component");
      return;
    }
    replies.json(exchange, reply.getStatus(), reply.getBody());
  }
}
