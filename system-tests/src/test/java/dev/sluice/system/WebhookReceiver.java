package dev.sluice.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server that receives webhooks: it records every request per path and answers with the
 * statuses a test lines up (200 once they run out).
 */
final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived. */
  record Received(Map<String, String> headers, byte[] body) {

    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final HttpServer server;
  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentLinkedQueue<Integer>> answers = new ConcurrentHashMap<>();

  WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          var headers = new ConcurrentHashMap<String, String>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
          byte[] body = exchange.getRequestBody().readAllBytes();
          received
              .computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
              .add(new Received(headers, body));
          Integer status = answers.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
          exchange.sendResponseHeaders(status == null ? 200 : status, -1);
          exchange.close();
        });
    server.start();
  }

  /** A URL on this receiver whose first answers are {@code statuses}. */
  String url(String path, Integer... statuses) {
    answers.put(path, new ConcurrentLinkedQueue<>(List.of(statuses)));
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Received> received(String path) {
    return received.getOrDefault(path, List.of());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
