package dev.sluice.ingress.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingress alone.
 *
 * @param maxBodySize largest request body accepted; larger ones get 413
 * @param jobTypes job types the ingress accepts; others get 400 (workers need a handler for each)
 * @param publishTimeout how long a submit waits for the broker's confirm before answering 503
 * @param ticketTtl how long a ticket is kept in Redis after it was created
 * @param unavailableRetryAfter the Retry-After sent with 503 answers
 * @param resultConsumers consumers of the results queue in this ingress; 0 for a replica that only
 *     answers requests and leaves collecting results to the others
 * @param defaultMaxAttempts attempts a job gets when the request does not say ({@code maxAttempts},
 *     1 to 20)
 * @param defaultTimeout how long one attempt may run when the request does not say ({@code
 *     timeoutMs})
 * @param maxTimeout the largest {@code timeoutMs} a request may ask for
 * @param idempotencyTtl how long an {@code Idempotency-Key} is remembered
 * @param maxInFlight API requests this ingress works on at once, long polls included; beyond, a
 *     request gets 503 at once. Each costs about 100 KB of heap while it runs (Tomcat's buffers for
 *     it, most of it), so this is what keeps a burst of connections from filling the heap
 * @param maxLongPolls long polls that may wait at once, below {@code maxInFlight} so that submits
 *     keep room; beyond, a long poll answers at once with the ticket as it is, as a plain poll
 */
@ConfigurationProperties("sluice.ingress")
@Validated
public record IngressProperties(
    @DefaultValue("256KB") DataSize maxBodySize,
    @DefaultValue({"echo", "simulate", "http"}) @NotEmpty Set<String> jobTypes,
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue("7d") Duration ticketTtl,
    @DefaultValue("5s") Duration unavailableRetryAfter,
    @DefaultValue("16") @Min(0) int resultConsumers,
    @DefaultValue("5") @Min(1) @Max(20) int defaultMaxAttempts,
    @DefaultValue("30s") Duration defaultTimeout,
    @DefaultValue("15m") Duration maxTimeout,
    @DefaultValue("24h") Duration idempotencyTtl,
    @DefaultValue("1000") @Min(1) int maxInFlight,
    @DefaultValue("500") @Min(0) int maxLongPolls) {

  public IngressProperties {
    if (maxLongPolls >= maxInFlight) {
      throw new IllegalArgumentException(
          "sluice.ingress.max-long-polls ("
              + maxLongPolls
              + ") must be below sluice.ingress.max-in-flight ("
              + maxInFlight
              + "): long polls would leave no room for submits.");
    }
  }

  /**
   * {@link #unavailableRetryAfter} as a {@code Retry-After} header's value: whole seconds, 1 or
   * more.
   */
  public String unavailableRetryAfterHeader() {
    return Long.toString(Math.max(1, unavailableRetryAfter.toSeconds()));
  }

  /** The largest {@code maxAttempts} a request may ask for. */
  public static final int MAX_ATTEMPTS = 20;
}
