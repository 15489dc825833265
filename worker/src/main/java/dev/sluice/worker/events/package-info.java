/** Reporting attempts to the ingress through the results queue. */
@NullMarked
package dev.sluice.worker.events;

import org.jspecify.annotations.NullMarked;
