/** Meters of the ingress under {@code sluice.}, for Prometheus and the Grafana dashboard. */
@NullMarked
package dev.sluice.ingress.metrics;

import org.jspecify.annotations.NullMarked;
