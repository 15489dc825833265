package dev.sluice.worker.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker's HTTP server: its management {@link Route}s on the JDK's own HTTP server, each
 * request on a virtual thread. A worker serves no API, and Tomcat with Spring MVC cost it about
 * 2,100 classes and 16 MB resident for two GET endpoints. It starts before the job consumers and
 * stops after them (the phase of Spring Boot's web server), so that probes and scrapes answer while
 * jobs in flight finish on shutdown.
 */
public final class ManagementServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);

  private final int port;
  private final List<Route> routes;
  private final Replies replies;
  private @Nullable HttpServer server;
  private @Nullable ExecutorService executor;

  ManagementServer(int port, List<Route> routes, Replies replies) {
    this.port = port;
    this.routes = List.copyOf(routes);
    this.replies = replies;
  }

  @Override
  public synchronized void start() {
    HttpServer started;
    try {
      started = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot listen on management port " + port, e);
    }
    executor = Executors.newVirtualThreadPerTaskExecutor();
    started.setExecutor(executor);
    started.createContext("/", this::dispatch);
    started.start();
    server = started;
    log.info("Management endpoints (/actuator/health, /actuator/prometheus) on port {}", port());
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      executor.close();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null;
  }

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }

  /** The port it listens on: the configured one, or the one chosen for a port of 0. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("The management server is not running");
    }
    return server.getAddress().getPort();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      Route route = routes.stream().filter(r -> r.serves(path)).findFirst().orElse(null);
      String method = exchange.getRequestMethod();
      if (route == null) {
        replies.problem(exchange, 404, "Not Found");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        replies.problem(exchange, 405, "Method Not Allowed");
      } else {
        route.answer(exchange);
      }
    } catch (RuntimeException e) {
      log.warn("Management request {} failed", exchange.getRequestURI(), e);
      if (exchange.getResponseCode() == -1) {
        replies.problem(exchange, 500, "Internal Server Error");
      }
    } finally {
      exchange.close();
    }
  }
}
