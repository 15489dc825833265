package dev.sluice.support.upstreams;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The backends that {@code http} jobs may call, by name. The ingress only needs the names (to
 * refuse unknown upstreams at submit); workers need everything. Give both the same values.
 *
 * @param upstreams upstreams by name, as {@code sluice.upstreams.<name>.*}
 */
@ConfigurationProperties("sluice")
@Validated
public record UpstreamsProperties(@DefaultValue Map<String, @Valid Upstream> upstreams) {

  /**
   * One backend and what it can take. The limits hold for the whole worker pool together, not per
   * worker.
   *
   * @param baseUrl scheme, host, port and optional base path; jobs give only the path under it
   * @param maxConcurrency requests in flight to this upstream from all workers together
   * @param ratePerSecond requests started per second from all workers together, at most; adaptive
   *     throttling moves the allowed rate below this and back
   * @param burst requests that may start at once after a quiet spell; 1 when not set (smooth)
   * @param timeout how long one request may take, connection included
   * @param retryableStatuses answers after which the attempt is retried (connection errors and
   *     timeouts always are)
   * @param clientErrorsFail whether a non-retryable 4xx answer fails the job; by default it
   *     succeeds with that status in its result
   * @param maxResponseSize larger response bodies fail the attempt rather than being truncated
   * @param permitWait how long a job waits for a concurrency permit or a rate token before it is
   *     put back on a delay queue (without using an attempt) so its worker can serve other jobs
   * @param adaptive how the pool slows down when the upstream struggles
   * @param breaker when to stop calling an upstream that keeps failing
   */
  public record Upstream(
      @NotNull URI baseUrl,
      @DefaultValue("16") @Min(1) @Max(10_000) int maxConcurrency,
      @DefaultValue("100") @Positive double ratePerSecond,
      @Nullable @Min(1) Integer burst,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue({"408", "429", "500", "502", "503", "504"}) Set<Integer> retryableStatuses,
      @DefaultValue("false") boolean clientErrorsFail,
      @DefaultValue("1MB") DataSize maxResponseSize,
      @DefaultValue("2s") Duration permitWait,
      @DefaultValue @Valid Adaptive adaptive,
      @DefaultValue @Valid Breaker breaker) {

    /** Requests that may start at once. */
    public int effectiveBurst() {
      return burst == null ? 1 : burst;
    }
  }

  /**
   * Additive increase, multiplicative decrease of the allowed rate, shared by the pool. A 429 or
   * 503 (whose {@code Retry-After} also pauses the upstream), a retryable failure or a call slower
   * than {@code slowCall} cuts the rate by {@code decreaseFactor}, at most once per {@code
   * interval}; each {@code interval} without trouble adds {@code increaseRatio} of the configured
   * rate back.
   *
   * @param enabled whether the rate adapts at all
   * @param slowCall calls slower than this count as a sign of overload; half the timeout when not
   *     set
   * @param decreaseFactor what the rate is multiplied by on a sign of overload
   * @param increaseRatio share of the configured rate added back per quiet interval
   * @param minRatio the allowed rate never drops below this share of the configured rate
   * @param interval the least time between two changes of the rate
   */
  public record Adaptive(
      @DefaultValue("true") boolean enabled,
      @Nullable Duration slowCall,
      @DefaultValue("0.5") @DecimalMin("0.05") @DecimalMax("0.95") double decreaseFactor,
      @DefaultValue("0.1") @DecimalMin("0.01") @DecimalMax("1") double increaseRatio,
      @DefaultValue("0.05") @DecimalMin("0.001") @DecimalMax("1") double minRatio,
      @DefaultValue("1s") Duration interval) {}

  /**
   * A circuit breaker per worker and upstream (Resilience4j). When it opens, the whole pool pauses
   * the upstream for {@code openFor}; jobs for it wait on delay queues without using attempts.
   *
   * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
   * @param minimumCalls calls in the window before the rate is judged
   * @param window calls the failure rate is computed over
   * @param openFor how long the breaker stays open before it lets trial calls through
   * @param halfOpenCalls trial calls that decide whether it closes again
   */
  public record Breaker(
      @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
      @DefaultValue("10") @Min(1) int minimumCalls,
      @DefaultValue("20") @Min(1) int window,
      @DefaultValue("10s") Duration openFor,
      @DefaultValue("3") @Min(1) int halfOpenCalls) {}

  /** Names of the configured upstreams. */
  public Set<String> names() {
    return upstreams.keySet();
  }
}
