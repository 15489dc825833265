package dev.sluice.worker.upstreams;

import dev.sluice.model.http.HttpCall;
import dev.sluice.support.upstreams.UpstreamsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one {@link HttpCall} to its upstream with the JDK's HTTP client: HTTP/1.1, no redirects
 * followed (a redirect could leave the upstream), the upstream's timeout, and a response body read
 * only up to the size limit.
 */
class UpstreamClient implements AutoCloseable {

  private final HttpClient http;
  private final URI baseUrl;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final JsonMapper json;

  UpstreamClient(UpstreamsProperties.Upstream upstream, JsonMapper json) {
    this.baseUrl = upstream.baseUrl();
    this.timeout = upstream.timeout();
    this.maxResponseBytes = upstream.maxResponseSize().toBytes();
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
  }

  /**
   * @throws java.net.http.HttpTimeoutException if the upstream took longer than its timeout
   * @throws ResponseTooLargeException if the body is over the limit
   * @throws IOException if the upstream could not be reached or broke off
   * @throws InterruptedException if the attempt was stopped; the request is cancelled
   */
  UpstreamAnswer send(HttpCall call) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.resolveAgainst(baseUrl))
            .timeout(timeout)
            .method(call.method(), body(call.body()));
    call.headers().forEach(request::header);
    if (call.body() != null
        && call.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
      request.header(
          "Content-Type",
          call.body().isString() ? "text/plain; charset=utf-8" : "application/json");
    }
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
    }
    if (body.length > maxResponseBytes) {
      throw new ResponseTooLargeException(maxResponseBytes);
    }
    return new UpstreamAnswer(
        response.statusCode(),
        response.headers(),
        body,
        Duration.ofNanos(System.nanoTime() - start));
  }

  private HttpRequest.BodyPublisher body(JsonNode body) {
    if (body == null) {
      return HttpRequest.BodyPublishers.noBody();
    }
    byte[] bytes =
        body.isString()
            ? body.asString().getBytes(StandardCharsets.UTF_8)
            : json.writeValueAsBytes(body);
    return HttpRequest.BodyPublishers.ofByteArray(bytes);
  }

  @Override
  public void close() {
    http.close();
  }
}
