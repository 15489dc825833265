package dev.sluice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class JobRequestTest {

  private final JobRequest job =
      JobRequest.accepted(
          "t", "echo", JsonNodeFactory.instance.objectNode(), Instant.EPOCH, 3, 1000);

  @Test
  void retriesUntilMaxAttemptsAreUsed() {
    assertThat(job.mayRetryAfter(1)).isTrue();
    assertThat(job.mayRetryAfter(2)).isTrue();
    assertThat(job.mayRetryAfter(3)).isFalse();
  }

  @Test
  void aFreshRoundGivesTheFullBudgetAgainAndKeepsCounting() {
    JobRequest again = job.freshRound(3);

    assertThat(again.attemptsDone()).isEqualTo(3);
    assertThat(again.mayRetryAfter(4)).isTrue();
    assertThat(again.mayRetryAfter(5)).isTrue();
    assertThat(again.mayRetryAfter(6)).isFalse();
  }
}
