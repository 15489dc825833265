package dev.sluice.worker.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/** Writes answers to exchanges: a body of a given type, JSON, or an RFC 9457 problem. */
final class Replies {

  /**
   * The body of an error answer, as {@code application/problem+json}: no type beyond its status.
   */
  record Problem(String type, String title, int status, String instance) {}

  private final JsonMapper json;

  Replies(JsonMapper json) {
    this.json = json;
  }

  void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // -1: no body (HEAD, or nothing to send); the JDK server then writes no Content-Length
    boolean bodyless = "HEAD".equals(exchange.getRequestMethod()) || body.length == 0;
    exchange.sendResponseHeaders(status, bodyless ? -1 : body.length);
    if (!bodyless) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

  void problem(HttpExchange exchange, int status, String title) throws IOException {
    var problem = new Problem("about:blank", title, status, exchange.getRequestURI().getRawPath());
    send(exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
  }
}
