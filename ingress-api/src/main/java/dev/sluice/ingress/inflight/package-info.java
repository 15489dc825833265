/**
 * How many API requests the ingress works on at once: beyond {@code sluice.ingress.max-in-flight} a
 * request is refused with 503 before it is authenticated or touches the broker or Redis.
 */
@NullMarked
package dev.sluice.ingress.inflight;

import org.jspecify.annotations.NullMarked;
