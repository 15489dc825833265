package dev.sluice.worker.upstreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class UpstreamAnswerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static UpstreamAnswer answer(int status, Map<String, List<String>> headers, String body) {
    return answer(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static UpstreamAnswer answer(int status, Map<String, List<String>> headers, byte[] body) {
    return new UpstreamAnswer(
        status, HttpHeaders.of(headers, (name, value) -> true), body, Duration.ofMillis(5));
  }

  @Test
  void aJsonBodyBecomesJsonInTheResult() {
    JsonNode result =
        answer(201, Map.of("Content-Type", List.of("application/json")), "{\"id\": 7}")
            .toResult(JSON);

    assertThat(result.path("status").asInt()).isEqualTo(201);
    assertThat(result.path("headers").path("content-type").asString())
        .isEqualTo("application/json");
    assertThat(result.path("body").path("id").asInt()).isEqualTo(7);
  }

  @Test
  void aBodyThatSaysJsonButIsNotStaysText() {
    JsonNode result =
        answer(200, Map.of("content-type", List.of("application/json")), "{not json")
            .toResult(JSON);

    assertThat(result.path("body").asString()).isEqualTo("{not json");
  }

  @Test
  void textStaysTextAndBinaryIsBase64() {
    assertThat(
            answer(200, Map.of("content-type", List.of("text/plain")), "héllo")
                .toResult(JSON)
                .path("body")
                .asString())
        .isEqualTo("héllo");

    JsonNode binary =
        answer(200, Map.of("content-type", List.of("image/png")), new byte[] {1, 2, (byte) 0xff})
            .toResult(JSON);
    assertThat(binary.path("body").asString()).isEqualTo("AQL/");
    assertThat(binary.path("bodyEncoding").asString()).isEqualTo("base64");
  }

  @Test
  void anEmptyBodyIsNull() {
    assertThat(answer(204, Map.of(), "").toResult(JSON).path("body").isNull()).isTrue();
  }

  @Test
  void repeatedHeadersAreJoined() {
    JsonNode result = answer(200, Map.of("Vary", List.of("Accept", "Origin")), "").toResult(JSON);

    assertThat(result.path("headers").path("vary").asString()).isEqualTo("Accept, Origin");
  }

  @Test
  void retryAfterInSecondsIsRead() {
    assertThat(answer(429, Map.of("Retry-After", List.of("2")), "").retryAfter())
        .contains(Duration.ofSeconds(2));
    assertThat(answer(429, Map.of(), "").retryAfter()).isEmpty();
    assertThat(answer(503, Map.of("Retry-After", List.of("-1")), "").retryAfter()).isEmpty();
    assertThat(
            answer(503, Map.of("Retry-After", List.of("Wed, 21 Oct 2026 07:28:00 GMT")), "")
                .retryAfter())
        .isEmpty();
  }
}
