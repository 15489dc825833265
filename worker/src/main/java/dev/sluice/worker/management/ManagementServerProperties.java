package dev.sluice.worker.management;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the worker's management endpoints listen. Bound to {@code server.*}, the prefix of Spring
 * Boot's web server, so that {@code SERVER_PORT} keeps meaning what it means for the ingress.
 *
 * @param port TCP port on all interfaces; 0 picks a free one
 */
@ConfigurationProperties("server")
@Validated
public record ManagementServerProperties(@DefaultValue("8081") @Min(0) @Max(65535) int port) {}
