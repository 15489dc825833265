package dev.sluice.worker.upstreams;

import dev.sluice.support.upstreams.UpstreamsProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The allowed rate and the pause of one upstream, kept in Redis so that the whole pool slows down
 * together: multiplicative decrease on signs of overload (at most once per interval, however many
 * workers saw them), additive increase while the upstream copes. Each worker reads it at most every
 * {@link #READ_EVERY}, so a pause reaches the pool within that.
 */
class SharedThrottle {

  static final Duration READ_EVERY = Duration.ofMillis(100);

  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> SCRIPT =
      RedisScript.of(new ClassPathResource("redis/throttle.lua"), List.class);

  private final StringRedisTemplate redis;
  private final String key;
  private final double ceiling;
  private final double floor;
  private final UpstreamsProperties.Adaptive adaptive;
  private volatile ThrottleState state;
  private volatile long readAtNanos;
  private volatile long lastSpeedUpNanos;

  SharedThrottle(StringRedisTemplate redis, String key, UpstreamsProperties.Upstream upstream) {
    this.redis = redis;
    this.key = key;
    this.adaptive = upstream.adaptive();
    this.ceiling = upstream.ratePerSecond();
    this.floor = upstream.ratePerSecond() * adaptive.minRatio();
    this.state = new ThrottleState(ceiling, 0, System.nanoTime());
    this.readAtNanos = System.nanoTime() - READ_EVERY.toNanos();
  }

  /** The current state, read from Redis when the last read is older than {@link #READ_EVERY}. */
  ThrottleState state() {
    if (System.nanoTime() - readAtNanos >= READ_EVERY.toNanos()) {
      run("read", 0, 0);
    }
    return state;
  }

  /** The state as last read, without asking Redis: for the gauge, which must not do I/O. */
  ThrottleState lastKnown() {
    return state;
  }

  /** A sign of overload: lowers the rate for the pool, and pauses the upstream if asked to. */
  void slowDown(Duration pause) {
    run("slow", adaptive.enabled() ? adaptive.decreaseFactor() : 1.0, pause.toMillis());
  }

  /** A call went well: raises the rate again if it is below the ceiling and it is time to. */
  void speedUp() {
    long now = System.nanoTime();
    if (!adaptive.enabled()
        || state.rate() >= ceiling
        || now - lastSpeedUpNanos < adaptive.interval().toNanos()) {
      return;
    }
    lastSpeedUpNanos = now;
    run("speed", ceiling * adaptive.increaseRatio(), 0);
  }

  private void run(String operation, double factorOrStep, long pauseMs) {
    long before = System.nanoTime();
    List<?> reply =
        redis.execute(
            SCRIPT,
            List.of(key),
            operation,
            Double.toString(ceiling),
            Double.toString(floor),
            Double.toString(factorOrStep),
            Long.toString(adaptive.interval().toMillis()),
            Long.toString(pauseMs));
    double rate = Double.parseDouble(String.valueOf(reply.get(0)));
    long version = ((Number) reply.get(1)).longValue();
    long pausedFor = ((Number) reply.get(2)).longValue() - ((Number) reply.get(3)).longValue();
    state = new ThrottleState(rate, version, before + TimeUnit.MILLISECONDS.toNanos(pausedFor));
    readAtNanos = before;
  }
}
