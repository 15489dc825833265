/**
 * Configuration of the upstreams that {@code http} jobs call, read by ingress and workers alike.
 */
@NullMarked
package dev.sluice.support.upstreams;

import org.jspecify.annotations.NullMarked;
