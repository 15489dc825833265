/**
 * The worker's management endpoints (health and its groups, the Prometheus scrape) over HTTP,
 * served by the JDK's own HTTP server rather than Tomcat and Spring MVC: a worker serves no API.
 */
@NullMarked
package dev.sluice.worker.management;

import org.jspecify.annotations.NullMarked;
