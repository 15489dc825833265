package dev.sluice.ingress.submit;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/requests}. Fields are nullable here so that a missing one gets
 * Sluice's own 400 answer rather than a parser message.
 *
 * @param type the job type, one of {@code sluice.ingress.job-types}
 * @param payload the handler's input: a JSON object, {@code {}} when left out
 * @param maxAttempts attempts before the job fails for good, 1 to 20
 * @param timeoutMs how long one attempt may run, up to {@code sluice.ingress.max-timeout}
 * @param callbackUrl where to POST the ticket when it is final (signed webhook)
 */
record SubmitRequest(
    @Schema(description = "Job type", example = "echo", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String type,
    @Schema(
            description = "Input for the job's handler; must be a JSON object",
            example = "{\"hello\":\"world\"}")
        @Nullable JsonNode payload,
    @Schema(
            description =
                "Attempts before the job fails for good (default sluice.ingress.default-max-attempts)",
            minimum = "1",
            maximum = "20",
            example = "5")
        @Nullable Integer maxAttempts,
    @Schema(
            description =
                "Milliseconds one attempt may run (default sluice.ingress.default-timeout)",
            minimum = "1",
            example = "30000")
        @Nullable Long timeoutMs,
    @Schema(
            description =
                "Absolute http(s) URL to POST the final ticket to, signed per Standard Webhooks",
            example = "https://example.com/hooks/sluice")
        @Nullable String callbackUrl) {}
