package dev.sluice.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy =
      RetryPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

  @Test
  void delaysDoubleUntilTheCap() {
    assertThat(policy.levels()).isEqualTo(5); // 1, 2, 4, 8, then 10 s
    assertThat(base(1)).isEqualTo(1_000);
    assertThat(base(2)).isEqualTo(2_000);
    assertThat(base(4)).isEqualTo(8_000);
    assertThat(base(5)).isEqualTo(10_000);
    assertThat(base(12)).isEqualTo(10_000);
  }

  @Test
  void jitterStaysWithinAFifth() {
    var random = new Random(7);
    for (int i = 0; i < 1_000; i++) {
      assertThat(policy.delayAfter(2, random).toMillis()).isBetween(1_600L, 2_400L);
    }
  }

  @Test
  void jitterSpreadsJobsThatFailedTogether() {
    var random = new Random(7);
    long first = policy.delayAfter(1, random).toMillis();
    boolean differs = false;
    for (int i = 0; i < 20 && !differs; i++) {
      differs = policy.delayAfter(1, random).toMillis() != first;
    }
    assertThat(differs).isTrue();
  }

  /** The delay without jitter: the midpoint of many samples' bounds. */
  private long base(int attempt) {
    long low = policy.delayAfter(attempt, new ConstantRandom(0.0)).toMillis();
    long high = policy.delayAfter(attempt, new ConstantRandom(0.9999999)).toMillis();
    return Math.round((low + high) / 2.0 / 10) * 10;
  }

  private static final class ConstantRandom extends Random {
    private final double value;

    ConstantRandom(double value) {
      this.value = value;
    }

    @Override
    public double nextDouble() {
      return value;
    }
  }

  @Test
  void aWaitGoesToTheFirstLevelLongEnoughToHoldIt() {
    var policy = RetryPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    assertThat(policy.levelFor(Duration.ofMillis(300))).isEqualTo(1);
    assertThat(policy.levelFor(Duration.ofSeconds(1))).isEqualTo(1);
    assertThat(policy.levelFor(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(policy.levelFor(Duration.ofSeconds(5))).isEqualTo(4);
    assertThat(policy.levelFor(Duration.ofMinutes(5))).isEqualTo(policy.levels());
  }
}
