package dev.sluice.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the test's own, on its own ports and data folder, so that a test can stop it,
 * start it and raise alarms without touching the machine's shared broker. Uses the locally
 * installed {@code rabbitmq-server} and {@code rabbitmqctl}.
 */
final class PrivateBroker implements AutoCloseable {

  private final String node;
  private final int port;
  private final Path home;

  private PrivateBroker(String node, int port, Path home) {
    this.node = node;
    this.port = port;
    this.home = home;
  }

  static boolean installed() {
    return Files.isExecutable(Path.of("/usr/sbin/rabbitmq-server"))
        && Files.isExecutable(Path.of("/usr/sbin/rabbitmqctl"));
  }

  static PrivateBroker start() {
    String node = "sluice-it-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    int port = Ports.free();
    Path home = Path.of("target", "private-broker", node).toAbsolutePath();
    try {
      Files.createDirectories(home);
      // the server drops to the rabbitmq user when started as root; let it write its folder
      run(List.of("chown", "-R", "rabbitmq:rabbitmq", home.getParent().toString()), Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    run(
        List.of("/usr/sbin/rabbitmq-server", "-detached"),
        Map.of(
            "RABBITMQ_NODENAME", node,
            "RABBITMQ_NODE_PORT", Integer.toString(port),
            "RABBITMQ_DIST_PORT", Integer.toString(Ports.free()),
            "RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString(),
            "RABBITMQ_LOG_BASE", home.resolve("log").toString(),
            "RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq").toString(),
            "RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString()));
    var broker = new PrivateBroker(node, port, home);
    broker.awaitUp();
    return broker;
  }

  int port() {
    return port;
  }

  /** Stops the broker application: connections drop, the port closes; data stays. */
  void stopApp() {
    ctl("stop_app");
  }

  void startApp() {
    ctl("start_app");
    awaitUp();
  }

  /** Sets off a memory alarm: the broker blocks every publishing connection. */
  void raiseMemoryAlarm() {
    ctl("set_vm_memory_high_watermark", "absolute", "1");
  }

  void clearMemoryAlarm() {
    ctl("set_vm_memory_high_watermark", "0.4");
  }

  @Override
  public void close() {
    ctl("stop");
  }

  private void awaitUp() {
    await("broker " + node)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(this::answers);
    ctl("await_startup");
  }

  private boolean answers() {
    try (var socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void ctl(String... args) {
    var command = new ArrayList<>(List.of("/usr/sbin/rabbitmqctl", "-n", node));
    command.addAll(List.of(args));
    run(command, Map.of());
  }

  private static void run(List<String> command, Map<String, String> env) {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(command + " could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
