package dev.sluice.system;

import static org.awaitility.Awaitility.await;

import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A packaged Sluice jar running as a real process, as an operator would start it: extracted, from
 * its AOT cache, configured through environment variables only, with its output in {@code
 * target/process-logs/}.
 */
final class SluiceProcess implements AutoCloseable {

  private static final Path LOGS = Path.of("target", "process-logs");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String JAVA = System.getProperty("sluice.java", "java");
  // quick start-up matters more than peak speed in a test
  private static final List<String> JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-Xmx256m");

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private SluiceProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Environment that points a process at this broker and Redis instead of the test services. */
  static Map<String, String> services(int rabbitPort, int redisPort) {
    return Map.of(
        "SPRING_RABBITMQ_PORT", Integer.toString(rabbitPort),
        "SPRING_DATA_REDIS_PORT", Integer.toString(redisPort));
  }

  static SluiceProcess ingress(TestNamespace namespace, Map<String, String> env) {
    return start("ingress", Applications.INGRESS, namespace, env);
  }

  /**
   * An ingress started with the given JVM options instead of the tests', and so without the AOT
   * cache, which fits only the options it was trained with.
   */
  static SluiceProcess ingressWithJavaOptions(TestNamespace namespace, List<String> javaOptions) {
    return start("ingress", Applications.INGRESS.jar(), javaOptions, namespace, Map.of());
  }

  static SluiceProcess worker(TestNamespace namespace, String id, Map<String, String> env) {
    var withId = new LinkedHashMap<>(env);
    withId.put("SLUICE_WORKER_ID", id);
    return start(id, Applications.WORKER, namespace, withId);
  }

  /** The two applications, trained on first use, both at once (each training is one thread). */
  private static final class Applications {
    static final TrainedApplication INGRESS;
    static final TrainedApplication WORKER;

    static {
      var ingress = trainedInBackground("sluice.ingress.jar");
      WORKER = trained("sluice.worker.jar");
      INGRESS = ingress.join();
    }
  }

  // outside Applications: a lambda there would wait for its class's initialisation, for ever
  private static CompletableFuture<TrainedApplication> trainedInBackground(String jarProperty) {
    return CompletableFuture.supplyAsync(() -> trained(jarProperty));
  }

  private static TrainedApplication trained(String jarProperty) {
    Path jar = Path.of(System.getProperty(jarProperty, "missing"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " does not exist: run the tests from the root with ./mvnw verify");
    }
    return TrainedApplication.of(JAVA, jar, JAVA_OPTIONS);
  }

  private static SluiceProcess start(
      String name,
      TrainedApplication application,
      TestNamespace namespace,
      Map<String, String> extraEnv) {
    List<String> options = new ArrayList<>(JAVA_OPTIONS);
    // AOTMode=on: refuse to start, rather than start slowly, if the cache does not fit
    options.addAll(List.of("-XX:AOTCache=" + application.cache(), "-XX:AOTMode=on"));
    return start(name, application.jar(), options, namespace, extraEnv);
  }

  private static SluiceProcess start(
      String name,
      Path jar,
      List<String> javaOptions,
      TestNamespace namespace,
      Map<String, String> extraEnv) {
    int port = Ports.free();
    TestServices services = TestServices.get();
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(javaOptions);
    command.addAll(List.of("-jar", jar.toString()));
    var builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("SERVER_PORT", Integer.toString(port));
    env.put("SLUICE_NAMESPACE", namespace.value());
    env.put("SLUICE_AUTH_MODE", "none"); // tests of authentication set their own
    env.put("SPRING_RABBITMQ_HOST", services.rabbitHost());
    env.put("SPRING_RABBITMQ_PORT", Integer.toString(services.rabbitPort()));
    env.put("SPRING_RABBITMQ_USERNAME", services.rabbitUsername());
    env.put("SPRING_RABBITMQ_PASSWORD", services.rabbitPassword());
    env.put("SPRING_DATA_REDIS_HOST", services.redisHost());
    env.put("SPRING_DATA_REDIS_PORT", Integer.toString(services.redisPort()));
    env.putAll(extraEnv);
    try {
      Files.createDirectories(LOGS);
      Path log = LOGS.resolve(namespace.value() + "-" + name + "-" + port + ".log");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      return new SluiceProcess(name, port, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Waits until the process reports itself ready, failing at once if it died. */
  SluiceProcess awaitReady() {
    await("readiness of " + name)
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; see " + LOGS);
              }
              return isReady();
            });
    return this;
  }

  private boolean isReady() {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  int port() {
    return port;
  }

  /**
   * The classes the process has loaded from its AOT cache (flag S of {@code jcmd VM.classes}),
   * rather than read, parsed and linked from its jars.
   */
  Set<String> classesFromAotCache() {
    Path jcmd = Path.of(JAVA).resolveSibling("jcmd");
    try {
      Process list =
          new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "VM.classes")
              .redirectErrorStream(true)
              .start();
      // KlassAddr Size State Flags ClassName
      Set<String> shared =
          list.inputReader()
              .lines()
              .map(line -> line.trim().split("\\s+"))
              .filter(columns -> columns.length == 5 && columns[3].contains("S"))
              .map(columns -> columns[4])
              .collect(Collectors.toSet());
      if (!list.waitFor(30, TimeUnit.SECONDS) || list.exitValue() != 0) {
        throw new IllegalStateException("jcmd VM.classes failed for " + name);
      }
      return shared;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String name() {
    return name;
  }

  /** Where the process's output goes. */
  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no acks, as when a machine dies. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM without waiting: the process shuts down gracefully on its own. */
  void terminate() {
    process.destroy();
  }

  /** SIGTERM, as an orchestrator stops it, and wait for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
