/** Collecting workers' events from the results queue into the ticket store. */
@NullMarked
package dev.sluice.ingress.results;

import org.jspecify.annotations.NullMarked;
