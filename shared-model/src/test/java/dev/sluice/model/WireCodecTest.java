package dev.sluice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class WireCodecTest {

  private final WireCodec codec = new WireCodec();

  @Test
  void eventSurvivesTheRoundTrip() {
    var result = JsonNodeFactory.instance.objectNode().put("answer", 42);
    var attempt = new Attempt("t-1", 2, "worker-a", Instant.parse("2026-01-02T03:04:05.600Z"));
    var event = JobEvent.succeeded(attempt, Instant.parse("2026-01-02T03:04:05.678Z"), result);

    assertThat(codec.decode(codec.encode(event), JobEvent.class)).isEqualTo(event);
  }

  @Test
  void instantsAreWrittenAsIsoText() {
    var request =
        JobRequest.accepted(
            "t-1",
            "echo",
            JsonNodeFactory.instance.objectNode(),
            Instant.parse("2026-01-02T03:04:05Z"),
            5,
            30_000);

    assertThat(new String(codec.encode(request), StandardCharsets.UTF_8))
        .contains("\"createdAt\":\"2026-01-02T03:04:05Z\"");
  }

  @Test
  void unknownFieldsAreIgnoredForRollingUpgrades() {
    byte[] body =
        """
        {"id":"t-1","type":"echo","payload":{},"createdAt":"2026-01-02T03:04:05Z",
         "maxAttempts":5,"timeoutMs":1000,"firstAttempt":1,"attemptsDone":0,"future":1}
        """
            .getBytes(StandardCharsets.UTF_8);

    assertThat(codec.decode(body, JobRequest.class).type()).isEqualTo("echo");
  }

  @Test
  void garbageIsUnreadable() {
    assertThatThrownBy(() -> codec.decode("not json".getBytes(), JobRequest.class))
        .isInstanceOf(UnreadableMessageException.class);
  }

  @Test
  void aMessageMissingRequiredFieldsIsUnreadable() {
    assertThatThrownBy(() -> codec.decode("{\"id\":\"t-1\"}".getBytes(), JobRequest.class))
        .isInstanceOf(UnreadableMessageException.class);
  }
}
