package dev.sluice.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of the test's own, with its append-only file on, so that a test can stop and start
 * it without touching the machine's shared Redis and without losing what it held.
 */
final class PrivateRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private Process process;

  private PrivateRedis(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/bin/redis-server"));
  }

  static PrivateRedis start() {
    int port = Ports.free();
    Path dir = Path.of("target", "private-redis", Integer.toString(port)).toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    var redis = new PrivateRedis(port, dir);
    redis.startServer();
    return redis;
  }

  int port() {
    return port;
  }

  /** SIGTERM: Redis writes its append-only file and exits. */
  void stop() {
    process.destroy();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void startServer() {
    var builder =
        new ProcessBuilder(
                "/usr/bin/redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--appendonly",
                "yes",
                "--save",
                "")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start redis-server", e);
    }
    await("redis on " + port).atMost(Duration.ofSeconds(30)).until(this::answers);
  }

  private boolean answers() {
    try (var socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
