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
    @DefaultValue("24h") Duration idempotencyTtl) {

  /** The largest {@code maxAttempts} a request may ask for. */
  public static final int MAX_ATTEMPTS = 20;
}
