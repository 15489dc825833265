package dev.sluice.worker.upstreams;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An upstream's answer, read whole.
 *
 * @param status HTTP status
 * @param headers response headers
 * @param body the body, at most the upstream's size limit
 * @param elapsed from sending the request to having read the body
 */
record UpstreamAnswer(int status, HttpHeaders headers, byte[] body, Duration elapsed) {

  /**
   * The job's result: {@code {"status", "headers", "body"}}. The body is JSON when the upstream
   * said it sent JSON (and it parses), text for textual types, else base64 with {@code
   * "bodyEncoding": "base64"}.
   */
  JsonNode toResult(JsonMapper json) {
    ObjectNode result = json.createObjectNode().put("status", status);
    ObjectNode headerNode = result.putObject("headers");
    headers
        .map()
        .forEach(
            (name, values) ->
                headerNode.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
    String type = headers.firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (body.length == 0) {
      result.putNull("body");
    } else if (type.contains("json") && parses(json)) {
      result.set("body", json.readTree(body));
    } else if (type.isEmpty() || isText(type)) {
      result.put("body", new String(body, StandardCharsets.UTF_8));
    } else {
      result.put("body", Base64.getEncoder().encodeToString(body));
      result.put("bodyEncoding", "base64");
    }
    return result;
  }

  /** The {@code Retry-After} header as a wait, if it holds a number of seconds. */
  Optional<Duration> retryAfter() {
    return headers
        .firstValue("retry-after")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
              } catch (NumberFormatException e) {
                // an HTTP date: rare from APIs, and trusting a remote clock is worse than guessing
                return Optional.empty();
              }
            });
  }

  private boolean parses(JsonMapper json) {
    try {
      json.readTree(body);
      return true;
    } catch (JacksonException e) {
      return false;
    }
  }

  private static boolean isText(String type) {
    return type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("javascript")
        || type.startsWith("application/x-www-form-urlencoded");
  }
}
