package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for Sluice's API, as any client would use it. */
public final class SluiceApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  public SluiceApi(URI base) {
    this.base = base;
  }

  public static SluiceApi onPort(int port) {
    return new SluiceApi(URI.create("http://127.0.0.1:" + port));
  }

  /** POSTs a JSON body to {@code /v1/requests}. */
  public Reply submit(String json) {
    return post("/v1/requests", "application/json", json);
  }

  /** POSTs {@code {"type": type, "payload": payload}}. */
  public Reply submit(String type, String payloadJson) {
    return submit("{\"type\":\"" + type + "\",\"payload\":" + payloadJson + "}");
  }

  /** POSTs a JSON body to {@code /v1/requests} with an {@code Idempotency-Key}. */
  public Reply submitWithKey(String idempotencyKey, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve("/v1/requests"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public Reply post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  /** GET {@code /v1/requests/{id}}. */
  public Reply ticket(String id) {
    return get("/v1/requests/" + id);
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An answer: status, headers and the body parsed as JSON (null node when empty). */
  public record Reply(HttpResponse<String> response) {

    public int status() {
      return response.statusCode();
    }

    public @Nullable String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public @Nullable String contentType() {
      return header("Content-Type");
    }

    public JsonNode json() {
      String body = response.body();
      return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    /** The {@code type} of a problem answer. */
    public String problemType() {
      return json().path("type").asString();
    }

    @Override
    public String toString() {
      return status() + " " + response.body();
    }
  }
}
