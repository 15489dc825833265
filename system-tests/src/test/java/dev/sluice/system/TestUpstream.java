package dev.sluice.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A backend for {@code http} jobs: a real HTTP server that records when each request arrived and
 * how many were in flight at once, and answers as the test says. It can be stopped and started
 * again on the same port, to play a backend that dies and comes back.
 */
final class TestUpstream implements AutoCloseable {

  /**
   * How to answer one request.
   *
   * @param status the status to send
   * @param delayMillis how long to take before answering
   * @param retryAfterSeconds a {@code Retry-After} header, if not null
   * @param textBytes 0 for the JSON body {@code {"request": n}}, else a text body of this size
   */
  record Answer(int status, long delayMillis, Integer retryAfterSeconds, int textBytes) {

    static Answer ok(long delayMillis) {
      return new Answer(200, delayMillis, null, 0);
    }

    static Answer status(int status) {
      return new Answer(status, 0, null, 0);
    }
  }

  /**
   * One request as seen by the upstream.
   *
   * @param number its number, from 1
   * @param arrivedAt {@link System#nanoTime()} when it arrived
   * @param answeredAt {@link System#nanoTime()} when the answer was sent
   * @param status the status it got
   */
  record Request(int number, long arrivedAt, long answeredAt, int status) {}

  private final int port;
  private final IntFunction<Answer> answers;
  private final AtomicInteger count = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  /** Starts on a free port, answering request number n with {@code answers.apply(n)}. */
  TestUpstream(IntFunction<Answer> answers) {
    this(Ports.free(), answers);
    start();
  }

  private TestUpstream(int port, IntFunction<Answer> answers) {
    this.port = port;
    this.answers = answers;
  }

  /** An upstream that is down: its port is chosen but nothing listens until {@link #start()}. */
  static TestUpstream down(IntFunction<Answer> answers) {
    return new TestUpstream(Ports.free(), answers);
  }

  synchronized void start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::answer);
    server.start();
  }

  private void answer(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    int current = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(current, Math::max);
    int number = count.incrementAndGet();
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Answer answer = answers.apply(number);
      if (answer.delayMillis() > 0) {
        Thread.sleep(answer.delayMillis()); // the behaviour under test: a backend that takes time
      }
      if (answer.retryAfterSeconds() != null) {
        exchange.getResponseHeaders().add("Retry-After", answer.retryAfterSeconds().toString());
      }
      byte[] body;
      if (answer.textBytes() > 0) {
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        body = "x".repeat(answer.textBytes()).getBytes();
      } else {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        body = ("{\"request\":" + number + "}").getBytes();
      }
      requests.add(new Request(number, arrived, System.nanoTime(), answer.status()));
      inFlight.decrementAndGet();
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The most requests that were ever in flight at once. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  /** Forgets the maximum so far, to measure it again from now. */
  void resetMaxInFlight() {
    maxInFlight.set(inFlight.get());
  }

  int inFlight() {
    return inFlight.get();
  }

  /** Requests answered so far, in the order they were answered. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
