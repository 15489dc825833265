package dev.sluice.worker.handlers;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code echo}: the result is the payload. */
@Component
class EchoHandler implements JobHandler {

  @Override
  public String type() {
    return "echo";
  }

  @Override
  public JsonNode handle(JobContext context, JsonNode payload) {
    return payload;
  }
}
