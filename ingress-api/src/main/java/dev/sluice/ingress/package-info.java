/** Sluice's HTTP ingress: accepts work, hands out tickets, collects results. */
@NullMarked
package dev.sluice.ingress;

import org.jspecify.annotations.NullMarked;
