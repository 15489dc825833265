package dev.sluice.worker.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulateHandlerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SimulateHandler handler = new SimulateHandler(false);

  @Test
  void failsExactlyTheFirstKAttempts() throws Exception {
    JsonNode payload = JSON.readTree("{\"failAttempts\":2}");

    assertThatThrownBy(() -> handler.handle(new JobContext("t", 1, "w"), payload))
        .isInstanceOf(JobFailedException.class);
    assertThatThrownBy(() -> handler.handle(new JobContext("t", 2, "w"), payload))
        .isInstanceOf(JobFailedException.class);
    assertThat(handler.handle(new JobContext("t", 3, "w"), payload).path("attempt").asInt())
        .isEqualTo(3);
  }

  @Test
  void refusesNegativeAndNonNumericValues() {
    for (String bad :
        new String[] {"{\"sleepMs\":-1}", "{\"cpuMs\":\"a lot\"}", "{\"sleepMs\":1.5}"}) {
      assertThatThrownBy(() -> handler.handle(new JobContext("t", 1, "w"), JSON.readTree(bad)))
          .isInstanceOf(JobFailedException.class)
          .extracting(e -> ((JobFailedException) e).code())
          .isEqualTo("invalid-payload");
    }
  }

  @Test
  void refusesToCrashWhereNotAllowed() {
    assertThatThrownBy(
            () -> handler.handle(new JobContext("t", 1, "w"), JSON.readTree("{\"crash\":true}")))
        .isInstanceOf(JobFailedException.class)
        .satisfies(e -> assertThat(((JobFailedException) e).permanent()).isTrue());
  }

  @Test
  void resultReportsWhatItDid() throws Exception {
    JsonNode result =
        handler.handle(new JobContext("t", 1, "w-1"), JSON.readTree("{\"sleepMs\":1,\"cpuMs\":1}"));

    assertThat(result.path("workerId").asString()).isEqualTo("w-1");
    assertThat(result.path("sleptMs").asLong()).isEqualTo(1);
    assertThat(result.path("cpuMs").asLong()).isEqualTo(1);
  }
}
