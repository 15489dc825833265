package dev.sluice.testing.deploy;

/**
 * A port and path that a deployment file points at: a health check, a probe, a scrape target.
 *
 * @param what where the file points at it, for messages
 * @param port the port, as written
 * @param path the path
 */
public record Endpoint(String what, String port, String path) {}
