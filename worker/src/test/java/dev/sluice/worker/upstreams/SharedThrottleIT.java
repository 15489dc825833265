package dev.sluice.worker.upstreams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.support.upstreams.UpstreamsProperties;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.unit.DataSize;

/** The shared AIMD throttle's script against a real Redis, as two workers would use it. */
class SharedThrottleIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("throttle");
  private static LettuceConnectionFactory connections;
  private static StringRedisTemplate redis;

  @BeforeAll
  static void connect() {
    TestServices services = TestServices.get();
    connections =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(services.redisHost(), services.redisPort()));
    connections.afterPropertiesSet();
    redis = new StringRedisTemplate(connections);
  }

  @AfterAll
  static void cleanUp() {
    NAMESPACE.delete(TestServices.get());
    connections.destroy();
  }

  private static UpstreamsProperties.Upstream upstream(Duration interval) {
    return new UpstreamsProperties.Upstream(
        URI.create("http://127.0.0.1:9"),
        4,
        100,
        null,
        Duration.ofSeconds(10),
        Set.of(429, 503),
        false,
        DataSize.ofMegabytes(1),
        Duration.ofSeconds(1),
        new UpstreamsProperties.Adaptive(true, null, 0.5, 0.1, 0.05, interval),
        new UpstreamsProperties.Breaker(50, 10, 20, Duration.ofSeconds(10), 3));
  }

  private static SharedThrottle worker(String key, Duration interval) {
    return new SharedThrottle(redis, NAMESPACE.value() + ":" + key, upstream(interval));
  }

  @Test
  void startsAtTheConfiguredRate() {
    ThrottleState state = worker("fresh", Duration.ofSeconds(1)).state();

    assertThat(state.rate()).isEqualTo(100.0);
    assertThat(state.pauseLeftNanos()).isLessThanOrEqualTo(0);
  }

  @Test
  void overloadSeenByTwoWorkersAtOnceHalvesTheRateOnce() {
    SharedThrottle a = worker("halve", Duration.ofMinutes(1));
    SharedThrottle b = worker("halve", Duration.ofMinutes(1));

    a.slowDown(Duration.ZERO);
    b.slowDown(Duration.ZERO);

    assertThat(b.state().rate()).isEqualTo(50.0);
    assertThat(b.state().version()).isEqualTo(1);
  }

  @Test
  void theRateRecoversStepByStepUpToTheCeilingAndNeverFallsBelowTheFloor() {
    SharedThrottle throttle = worker("aimd", Duration.ZERO);
    for (int i = 0; i < 20; i++) {
      throttle.slowDown(Duration.ZERO);
    }
    assertThat(throttle.state().rate()).isEqualTo(5.0);

    double before = throttle.state().rate();
    throttle.speedUp();
    assertThat(throttle.state().rate()).isEqualTo(before + 10.0);
    for (int i = 0; i < 20; i++) {
      throttle.speedUp();
    }
    assertThat(throttle.state().rate()).isEqualTo(100.0);
  }

  @Test
  void aPauseReachesEveryWorkerAndEnds() {
    SharedThrottle a = worker("pause", Duration.ofSeconds(1));
    SharedThrottle b = worker("pause", Duration.ofSeconds(1));

    a.slowDown(Duration.ofSeconds(30));

    assertThat(b.state().pauseLeftNanos())
        .isBetween(Duration.ofSeconds(29).toNanos(), Duration.ofSeconds(30).toNanos());
    // a shorter pause does not cut a longer one short
    b.slowDown(Duration.ofSeconds(1));
    assertThat(a.state().pauseLeftNanos()).isGreaterThan(Duration.ofSeconds(28).toNanos());
  }
}
