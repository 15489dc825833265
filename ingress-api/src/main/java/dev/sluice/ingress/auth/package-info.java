/** Who may call: API keys, roles, ticket ownership, per-client limits. */
@NullMarked
package dev.sluice.ingress.auth;

import org.jspecify.annotations.NullMarked;
