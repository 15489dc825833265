package dev.sluice.load;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;

/**
 * Where the simulations send their load, and with which key: system properties {@code baseUrl}
 * (default {@code http://127.0.0.1:8080}) and {@code apiKey} (default {@code $SLUICE_KEY}).
 */
final class Target {

  static final String BASE_URL = System.getProperty("baseUrl", "http://127.0.0.1:8080");

  private Target() {}

  static HttpProtocolBuilder sluice() {
    String key = System.getProperty("apiKey", System.getenv().getOrDefault("SLUICE_KEY", ""));
    return http.baseUrl(BASE_URL)
        .authorizationHeader("Bearer " + key)
        .contentTypeHeader("application/json")
        .acceptHeader("application/json")
        .shareConnections();
  }

  static int intProperty(String name, int fallback) {
    return Integer.getInteger(name, fallback);
  }

  static Duration seconds(String name, int fallback) {
    return Duration.ofSeconds(intProperty(name, fallback));
  }
}
