package dev.sluice.ingress.auth;

import dev.sluice.ingress.tickets.TicketStore;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated client of a request.
 *
 * @param clientId the client's id; owner of the tickets it creates
 * @param roles what it may do
 * @param limits its limits, or null for none
 */
public record Caller(
    String clientId, Set<AuthProperties.Role> roles, AuthProperties.@Nullable Client limits) {

  /** The caller when authentication is off: one client that may do everything. */
  static final Caller ANONYMOUS =
      new Caller(TicketStore.ANONYMOUS, EnumSet.allOf(AuthProperties.Role.class), null);

  boolean may(AuthProperties.Role role) {
    return roles.contains(role);
  }
}
