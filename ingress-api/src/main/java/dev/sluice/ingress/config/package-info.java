/** Configuration: typed properties, broker topology, clock. */
@NullMarked
package dev.sluice.ingress.config;

import org.jspecify.annotations.NullMarked;
