/**
 * The {@code http} handler: calls configured upstreams at a pace they can take, with limits that
 * hold across the whole worker pool (Redis), adaptive throttling and a circuit breaker.
 */
@NullMarked
package dev.sluice.worker.upstreams;

import org.jspecify.annotations.NullMarked;
