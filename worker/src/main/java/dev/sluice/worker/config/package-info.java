/** Configuration: typed properties, broker topology, the job consumer. */
@NullMarked
package dev.sluice.worker.config;

import org.jspecify.annotations.NullMarked;
