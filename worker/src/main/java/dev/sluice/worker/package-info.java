/** Sluice's worker: consumes jobs, runs handlers, publishes events. */
@NullMarked
package dev.sluice.worker;

import org.jspecify.annotations.NullMarked;
