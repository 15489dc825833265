/** What every Redis-backed store of the ingress shares: scripts and error translation. */
@NullMarked
package dev.sluice.ingress.store;

import org.jspecify.annotations.NullMarked;
