package dev.sluice.system;

import dev.sluice.testing.deploy.DeploymentFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A packaged jar as the images and the local stack run it: extracted, with a JVM AOT cache that
 * {@code scripts/aot-cache} trained for the JVM options it will run with. Made once per build of
 * the jar under {@code target/aot/} and shared by every process the tests start from it.
 */
record TrainedApplication(Path jar, Path cache) {

  private static final Path ROOT = Path.of("target", "aot").toAbsolutePath();

  /**
   * The trained form of {@code jar} for {@code javaOptions}, made by the JVM {@code java} unless
   * one for this build of the jar and these options is there already.
   */
  static TrainedApplication of(String java, Path jar, List<String> javaOptions) {
    Path dir = ROOT.resolve(jar.getFileName().toString().replace(".jar", ""));
    var trained = new TrainedApplication(dir.resolve(jar.getFileName()), dir.resolve("app.aot"));
    try {
      String stamp = Files.getLastModifiedTime(jar) + " " + Files.size(jar) + " " + javaOptions;
      Path stampFile = dir.resolve("stamp");
      if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
        return trained;
      }
      deleteRecursively(dir);
      Files.createDirectories(dir);
      run(
          java,
          List.of(
              java,
              "-Djarmode=tools",
              "-jar",
              jar.toString(),
              "extract",
              "--destination",
              dir.toString()));
      var train = new ArrayList<>(List.of(script().toString(), trained.jar().toString()));
      train.addAll(javaOptions);
      run(java, train);
      Files.writeString(stampFile, stamp);
      return trained;
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare " + jar, e);
    }
  }

  private static Path script() {
    return DeploymentFiles.ofThisRepository().root().resolve("scripts/aot-cache");
  }

  private static void run(String java, List<String> command) throws IOException {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    // the script trains with $JAVA_HOME/bin/java: a cache fits only the JVM build that made it
    builder.environment().put("JAVA_HOME", Path.of(java).getParent().getParent().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
