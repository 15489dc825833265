package dev.sluice.ingress.webhooks;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook settings.
 *
 * @param secret signing secret in the Standard Webhooks form {@code whsec_<base64>}; without one,
 *     requests with a {@code callbackUrl} are refused
 * @param retrySchedule delays before the second, third, ... try (each with ±20 % jitter); after the
 *     last, the webhook is FAILED. The default spreads tries over about a day
 * @param timeout how long one try may take, connecting included
 * @param allowPrivateNetworks allow callbacks to loopback, private, link-local and similar
 *     addresses (for local demos and tests only)
 * @param dispatchers consumers of the webhook queue in this ingress
 */
@ConfigurationProperties("sluice.webhooks")
@Validated
public record WebhookProperties(
    @Nullable String secret,
    @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty
        List<Duration> retrySchedule,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("false") boolean allowPrivateNetworks,
    @DefaultValue("4") @Min(1) int dispatchers) {}
