package dev.sluice.worker.upstreams;

import dev.sluice.model.http.HttpCall;
import dev.sluice.support.upstreams.UpstreamsProperties;
import dev.sluice.worker.handlers.Admission;
import dev.sluice.worker.handlers.JobFailedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One configured upstream as a worker sees it: decides whether a job for it may start now (pause,
 * circuit breaker, pool-wide permits and rate), calls it, and turns its answer into a result or a
 * failure while feeding the throttle and the breaker.
 */
class Upstream implements AutoCloseable {

  static final String UPSTREAM_TIMEOUT = "upstream-timeout";
  static final String UPSTREAM_UNREACHABLE = "upstream-unreachable";
  static final String UPSTREAM_STATUS = "upstream-status";
  static final String UPSTREAM_REJECTED = "upstream-rejected";
  static final String RESPONSE_TOO_LARGE = "response-too-large";

  /** How long a job waits before it is offered again after its upstream was busy. */
  private static final Duration BUSY_DEFERRAL = Duration.ofSeconds(1);

  /** How long a job waits before it is offered again while Redis cannot be asked for limits. */
  private static final Duration LIMITS_DOWN_DEFERRAL = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(Upstream.class);

  private final String name;
  private final UpstreamsProperties.Upstream settings;
  private final UpstreamClient client;
  private final PoolLimits limits;
  private final SharedThrottle throttle;
  private final CircuitBreaker breaker;
  private final Set<Integer> retryableStatuses;
  private final Duration slowCall;
  private final JsonMapper json;
  private final MeterRegistry meters;

  Upstream(
      String name,
      UpstreamsProperties.Upstream settings,
      UpstreamClient client,
      PoolLimits limits,
      SharedThrottle throttle,
      CircuitBreaker breaker,
      JsonMapper json,
      MeterRegistry meters) {
    this.name = name;
    this.settings = settings;
    this.client = client;
    this.limits = limits;
    this.throttle = throttle;
    this.breaker = breaker;
    this.json = json;
    this.meters = meters;
    this.retryableStatuses = Set.copyOf(settings.retryableStatuses());
    Duration slow = settings.adaptive().slowCall();
    this.slowCall = slow != null ? slow : settings.timeout().dividedBy(2);
  }

  /** Whether a job for this upstream may start now; if so, it holds a permit until released. */
  Admission admit() throws InterruptedException {
    try {
      ThrottleState state = throttle.state();
      long pause = state.pauseLeftNanos();
      if (pause > 0) {
        return defer(Duration.ofNanos(pause), "paused");
      }
      if (!breaker.tryAcquirePermission()) {
        return defer(BUSY_DEFERRAL, "circuit-open");
      }
      Optional<Runnable> permit;
      try {
        permit = limits.acquire(state, settings.permitWait());
      } catch (RuntimeException | InterruptedException e) {
        breaker.releasePermission();
        throw e;
      }
      if (permit.isEmpty()) {
        breaker.releasePermission();
        return defer(BUSY_DEFERRAL, "busy");
      }
      // the wait for a token can be long: a pause that began meanwhile still holds
      long pausedMeanwhile;
      try {
        pausedMeanwhile = throttle.state().pauseLeftNanos();
      } catch (RuntimeException e) {
        giveBack(permit.get());
        throw e;
      }
      if (pausedMeanwhile > 0) {
        giveBack(permit.get());
        return defer(Duration.ofNanos(pausedMeanwhile), "paused");
      }
      return new Admission.Granted(permit.get());
    } catch (RuntimeException e) {
      // Fail closed: without the shared limits this worker cannot know what the pool may send.
      log.warn("Cannot check the limits of upstream {}: {}", name, e.toString());
      return defer(LIMITS_DOWN_DEFERRAL, "limits-unavailable");
    }
  }

  private void giveBack(Runnable permit) {
    permit.run();
    breaker.releasePermission();
  }

  /** Calls the upstream; the caller holds a permit from {@link #admit()}. */
  JsonNode call(HttpCall call) throws InterruptedException {
    UpstreamAnswer answer;
    long start = System.nanoTime();
    try {
      answer = client.send(call);
    } catch (ResponseTooLargeException e) {
      breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      throw JobFailedException.permanent(
          RESPONSE_TOO_LARGE, "upstream " + name + ": " + e.getMessage());
    } catch (HttpTimeoutException e) {
      troubled(start, e);
      throw JobFailedException.retryable(
          UPSTREAM_TIMEOUT, "upstream " + name + " took longer than " + settings.timeout());
    } catch (IOException e) {
      troubled(start, e);
      throw JobFailedException.retryable(UPSTREAM_UNREACHABLE, "upstream " + name + ": " + e);
    } catch (InterruptedException e) {
      breaker.releasePermission();
      throw e;
    }
    return judge(answer);
  }

  private JsonNode judge(UpstreamAnswer answer) {
    int status = answer.status();
    record(status, answer.elapsed().toNanos());
    if (retryableStatuses.contains(status)) {
      Duration pause =
          status == 429 || status == 503
              ? answer.retryAfter().orElse(Duration.ZERO)
              : Duration.ZERO;
      if (status >= 500) {
        breaker.onError(
            answer.elapsed().toNanos(), TimeUnit.NANOSECONDS, new IOException("HTTP " + status));
      } else {
        breaker.onSuccess(answer.elapsed().toNanos(), TimeUnit.NANOSECONDS);
      }
      adjust(() -> throttle.slowDown(pause));
      throw JobFailedException.retryable(
          UPSTREAM_STATUS, "upstream " + name + " answered " + status);
    }
    breaker.onSuccess(answer.elapsed().toNanos(), TimeUnit.NANOSECONDS);
    if (answer.elapsed().compareTo(slowCall) > 0) {
      adjust(() -> throttle.slowDown(Duration.ZERO));
    } else {
      adjust(throttle::speedUp);
    }
    if (status >= 500) {
      throw JobFailedException.permanent(
          UPSTREAM_STATUS, "upstream " + name + " answered " + status);
    }
    if (status >= 400 && settings.clientErrorsFail()) {
      throw JobFailedException.permanent(
          UPSTREAM_REJECTED, "upstream " + name + " answered " + status);
    }
    return answer.toResult(json);
  }

  private void troubled(long start, IOException e) {
    long elapsed = System.nanoTime() - start;
    record(0, elapsed);
    breaker.onError(elapsed, TimeUnit.NANOSECONDS, e);
    adjust(() -> throttle.slowDown(Duration.ZERO));
  }

  /** Throttle updates are advice: a Redis hiccup must not turn a finished call into a failure. */
  private void adjust(Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      log.warn("Could not update the throttle of upstream {}: {}", name, e.toString());
    }
  }

  /** Times a call by the status it got; {@code none} when there was no answer. */
  private void record(int status, long elapsedNanos) {
    Timer.builder("sluice.upstream.calls")
        .tag("upstream", name)
        .tag("status", status == 0 ? "none" : Integer.toString(status))
        .register(meters)
        .record(elapsedNanos, TimeUnit.NANOSECONDS);
  }

  private Admission defer(Duration delay, String reason) {
    meters.counter("sluice.upstream.deferrals", "upstream", name, "reason", reason).increment();
    // spread the jobs that were turned away together, so they do not all come back at once
    long jitter = (long) (delay.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
    return new Admission.Deferred(delay.plusMillis(jitter), reason);
  }

  @Override
  public void close() {
    client.close();
  }
}
