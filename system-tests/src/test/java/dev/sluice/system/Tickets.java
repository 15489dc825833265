package dev.sluice.system;

import static org.awaitility.Awaitility.await;

import dev.sluice.testing.SluiceApi;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Waiting on tickets the way a polling client would. */
final class Tickets {

  static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  private Tickets() {}

  /** The ticket id at the end of a ticket's location. */
  static String idOf(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  static JsonNode awaitFinal(SluiceApi api, String location, Duration within) {
    return await("final status of " + location)
        .atMost(within)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.get(location).json(), t -> FINAL.contains(t.path("status").asString()));
  }

  static JsonNode awaitStatus(SluiceApi api, String location, String status, Duration within) {
    return await(status + " of " + location)
        .atMost(within)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(25))
        .until(() -> api.get(location).json(), t -> status.equals(t.path("status").asString()));
  }
}
