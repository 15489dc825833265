package dev.sluice.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.deploy.DeploymentFiles;
import dev.sluice.testing.deploy.Yamls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files checked by real validators and against the repository: Kubernetes manifests
 * and {@code docker-compose.yml} by the npm validators of {@code deploy/validate} (JSON schemas of
 * kubernetes-models and @kubernetes-models/keda; dclint), the HAProxy configuration by {@code
 * haproxy -c}, and the links between files (kustomization, images, build targets) here. What the
 * files say about each application's properties, ports and paths is checked in the {@code
 * DeploymentConfigurationIT} of ingress-api and worker, against the running application.
 */
class DeploymentFilesIT {

  private static final DeploymentFiles FILES = DeploymentFiles.ofThisRepository();
  private static final Path VALIDATE = FILES.root().resolve("deploy/validate");

  @Test
  void manifestsAndComposeFilePassTheirSchemaValidators() throws Exception {
    if (!Files.isDirectory(VALIDATE.resolve("node_modules"))) {
      assertThat(run(VALIDATE, "npm", "ci", "--no-audit", "--no-fund").exitCode()).isZero();
    }

    Result result = run(VALIDATE, "node", "validate.mjs", FILES.root().toString());

    System.out.println(result.output());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("(dclint)", "ScaledObject/worker", "Deployment/ingress-api");
  }

  @Test
  void haproxyAcceptsTheConfigurationOfComposeAndOfTheLocalStack() throws Exception {
    Path haproxy = FILES.root().resolve("deploy/haproxy");
    Path local = Files.createTempFile("sluice-haproxy-local", ".cfg");
    // what scripts/stack writes for two ingress replicas
    Files.writeString(
        local,
        "backend ingress from ingress-backend\n"
            + "    server ingress-1 127.0.0.1:18081 check\n"
            + "    server ingress-2 127.0.0.1:18082 check\n");

    for (Path servers : List.of(haproxy.resolve("ingress-docker.cfg"), local)) {
      Result result =
          run(
              haproxy,
              Map.of("SLUICE_LB_PORT", "8080", "SLUICE_LB_STATS_PORT", "8404"),
              "haproxy",
              "-c",
              "-f",
              haproxy.resolve("haproxy.cfg").toString(),
              "-f",
              servers.toString());
      assertThat(result.exitCode()).as(result.output()).isZero();
    }
  }

  @Test
  void theKustomizationListsEveryManifestAndEveryImageItDeploys() throws IOException {
    Path k8s = FILES.root().resolve("deploy/k8s");
    Map<String, Object> kustomization =
        FILES.kubernetesDocuments().stream()
            .filter(d -> "Kustomization".equals(d.get("kind")))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Set<String> resources = new TreeSet<>((List<String>) kustomization.get("resources"));
    Set<String> files;
    try (Stream<Path> list = Files.list(k8s)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(resources).isEqualTo(files);

    @SuppressWarnings("unchecked")
    Set<String> images =
        ((List<Map<String, Object>>) kustomization.get("images"))
            .stream().map(i -> (String) i.get("name")).collect(Collectors.toSet());
    for (String deployment : List.of("ingress-api", "worker")) {
      String image = (String) FILES.container(deployment).get("image");
      assertThat(images).contains(image);
      assertThat(image).isEqualTo("sluice/" + deployment);
    }
  }

  @Test
  void eachServiceImageIsBuiltFromItsModule() throws IOException {
    String dockerfile = Files.readString(FILES.root().resolve("Dockerfile"));
    Set<String> stages = new TreeSet<>();
    Matcher from = Pattern.compile("(?m)^FROM \\S+ AS (\\S+)$").matcher(dockerfile);
    while (from.find()) {
      stages.add(from.group(1));
    }

    for (String module : List.of("ingress-api", "worker")) {
      assertThat(stages).contains(module);
      assertThat(Yamls.at(FILES.composeService(module), "build", "target")).isEqualTo(module);
      assertThat(FILES.root().resolve(module).resolve("pom.xml")).exists();
      assertThat(dockerfile).contains(module + "/target/" + module + ".jar");
    }
  }

  record Result(int exitCode, String output) {}

  private static Result run(Path dir, String... command) throws Exception {
    return run(dir, Map.of(), command);
  }

  private static Result run(Path dir, Map<String, String> env, String... command) throws Exception {
    var builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile());
    builder.environment().putAll(env);
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    return new Result(process.exitValue(), output);
  }
}
