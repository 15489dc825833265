package dev.sluice.testing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The repository's deployment files as data: {@code docker-compose.yml} (anchors and merge keys
 * resolved, {@code ${VAR:-default}} read as its default) and the manifests under {@code
 * deploy/k8s}.
 */
public final class DeploymentFiles {

  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");
  private static final Pattern LOCAL_URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)");

  private final Path root;

  private DeploymentFiles(Path root) {
    this.root = root;
  }

  /** The files of the repository this test runs in (found upwards from the working directory). */
  public static DeploymentFiles ofThisRepository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
    return new DeploymentFiles(dir);
  }

  public Path root() {
    return root;
  }

  /** The compose file as maps and lists. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> compose() {
    return (Map<String, Object>) load(root.resolve("docker-compose.yml")).getFirst();
  }

  /** One compose service. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> composeService(String name) {
    var services = (Map<String, Object>) compose().get("services");
    var service = (Map<String, Object>) services.get(name);
    if (service == null) {
      throw new IllegalArgumentException("no service " + name + " in docker-compose.yml");
    }
    return service;
  }

  /** The environment a compose service's containers get, with defaults for interpolations. */
  @SuppressWarnings("unchecked")
  public Map<String, String> composeEnvironment(String service) {
    var env = (Map<String, Object>) composeService(service).getOrDefault("environment", Map.of());
    var resolved = new LinkedHashMap<String, String>();
    env.forEach((key, value) -> resolved.put(key, interpolate(String.valueOf(value))));
    return resolved;
  }

  /** Every document of every manifest under {@code deploy/k8s}, prerequisites included. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> kubernetesDocuments() {
    try (Stream<Path> files = Files.walk(root.resolve("deploy/k8s"))) {
      var documents = new ArrayList<Map<String, Object>>();
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        load(file).forEach(doc -> documents.add((Map<String, Object>) doc));
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest of the given kind and name. */
  public Map<String, Object> kubernetes(String kind, String name) {
    return kubernetesDocuments().stream()
        .filter(d -> kind.equals(d.get("kind")) && name.equals(Yamls.at(d, "metadata", "name")))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + kind + " " + name));
  }

  /**
   * The environment the first container of a Deployment gets: its {@code env} values plus every key
   * of the ConfigMaps and Secrets it names in {@code envFrom}.
   */
  @SuppressWarnings("unchecked")
  public Map<String, String> kubernetesEnvironment(String deployment) {
    Map<String, Object> container = container(deployment);
    var env = new LinkedHashMap<String, String>();
    for (var from : (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of())) {
      if (from.containsKey("configMapRef")) {
        String name = (String) Yamls.at(from, "configMapRef", "name");
        ((Map<String, Object>) kubernetes("ConfigMap", name).get("data"))
            .forEach((k, v) -> env.put(k, String.valueOf(v)));
      }
      if (from.containsKey("secretRef")) {
        String name = (String) Yamls.at(from, "secretRef", "name");
        ((Map<String, Object>) kubernetes("Secret", name).get("stringData"))
            .forEach((k, v) -> env.put(k, String.valueOf(v)));
      }
    }
    for (var variable : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
      Object value = variable.get("value");
      env.put((String) variable.get("name"), value == null ? "(from field)" : value.toString());
    }
    return env;
  }

  /** The first container of a Deployment. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> container(String deployment) {
    var containers =
        (List<Map<String, Object>>)
            Yamls.at(
                kubernetes("Deployment", deployment), "spec", "template", "spec", "containers");
    return containers.getFirst();
  }

  /** The URL a compose service's health check asks, on the container's own address. */
  @SuppressWarnings("unchecked")
  public Endpoint composeHealthCheck(String service) {
    String command =
        String.join(" ", (List<String>) Yamls.at(composeService(service), "healthcheck", "test"));
    Matcher url = LOCAL_URL.matcher(command);
    if (!url.find()) {
      throw new IllegalStateException("no http://127.0.0.1 URL in the health check: " + command);
    }
    return new Endpoint(service + " health check", url.group(1), url.group(2));
  }

  /**
   * What Kubernetes asks of a Deployment's first container: its startup, liveness and readiness
   * probes on its first port, and the Prometheus scrape its annotations name.
   */
  @SuppressWarnings("unchecked")
  public List<Endpoint> kubernetesProbes(String deployment) {
    Map<String, Object> container = container(deployment);
    String port =
        String.valueOf(
            ((List<Map<String, Object>>) container.get("ports")).getFirst().get("containerPort"));
    var endpoints = new ArrayList<Endpoint>();
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      endpoints.add(
          new Endpoint(
              deployment + " " + probe,
              port,
              (String) Yamls.at(container, probe, "httpGet", "path")));
    }
    var annotations =
        (Map<String, Object>)
            Yamls.at(
                kubernetes("Deployment", deployment),
                "spec",
                "template",
                "metadata",
                "annotations");
    endpoints.add(
        new Endpoint(
            deployment + " scrape",
            String.valueOf(annotations.get("prometheus.io/port")),
            String.valueOf(annotations.get("prometheus.io/path"))));
    return endpoints;
  }

  /** Where Prometheus (deploy/prometheus/prometheus.yml) scrapes the given job. */
  @SuppressWarnings("unchecked")
  public Endpoint prometheusScrape(String job) {
    var config =
        (Map<String, Object>) load(root.resolve("deploy/prometheus/prometheus.yml")).getFirst();
    var scrape =
        ((List<Map<String, Object>>) config.get("scrape_configs"))
            .stream()
                .filter(c -> job.equals(c.get("job_name")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scrape job " + job));
    var discovery = ((List<Map<String, Object>>) scrape.get("dns_sd_configs")).getFirst();
    return new Endpoint(
        "prometheus job " + job,
        String.valueOf(discovery.get("port")),
        (String) scrape.get("metrics_path"));
  }

  private static List<Object> load(Path file) {
    try {
      var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      var documents = new ArrayList<Object>();
      yaml.loadAll(Files.readString(file)).forEach(documents::add);
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String interpolate(String value) {
    Matcher matcher = INTERPOLATION.matcher(value);
    return matcher.replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
  }
}
