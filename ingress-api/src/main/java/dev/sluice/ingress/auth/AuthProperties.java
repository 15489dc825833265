package dev.sluice.ingress.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API.
 *
 * @param mode {@code api-key}: every {@code /v1} call needs {@code Authorization: Bearer <key>};
 *     {@code none}: no authentication, for a trusted network only
 * @param clients the clients, by id
 */
@ConfigurationProperties("sluice.auth")
@Validated
public record AuthProperties(
    @DefaultValue("api-key") Mode mode, @DefaultValue Map<String, @Valid Client> clients) {

  /** How callers are authenticated. */
  public enum Mode {
    API_KEY,
    NONE
  }

  /**
   * One client.
   *
   * @param keySha256 hex SHA-256 of the client's key; the key itself is never configured
   * @param roles {@code submit} (use its own requests) and/or {@code admin} (the admin API)
   * @param ratePerSecond submits per second allowed, across all ingress replicas; unlimited if not
   *     set
   * @param burst submits allowed at once before the rate applies; the rate (at least 1) if not set
   * @param maxPending tickets not yet final this client may have; unlimited if not set
   */
  public record Client(
      @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the 64 hex digits of a SHA-256")
          String keySha256,
      @DefaultValue("submit") @NotEmpty Set<Role> roles,
      @Nullable Double ratePerSecond,
      @Nullable @Min(1) Integer burst,
      @Nullable @Min(1) Integer maxPending) {}

  /** What a client may do. */
  public enum Role {
    SUBMIT,
    ADMIN
  }
}
