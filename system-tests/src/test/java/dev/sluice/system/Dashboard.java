package dev.sluice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provisioned Grafana dashboard, {@code deploy/grafana/dashboards/sluice.json}. */
final class Dashboard {

  static final Path FILE = Path.of("..", "deploy", "grafana", "dashboards", "sluice.json");

  private static final Pattern SLUICE_METRIC = Pattern.compile("sluice_[a-z_]+");

  private Dashboard() {}

  /** The names of Sluice's own series its panels query. */
  static Set<String> sluiceMetrics() {
    var metrics = new TreeSet<String>();
    for (JsonNode panel : read().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher matcher = SLUICE_METRIC.matcher(target.path("expr").asString());
        while (matcher.find()) {
          metrics.add(matcher.group());
        }
      }
    }
    return metrics;
  }

  static JsonNode read() {
    try {
      return JsonMapper.builder().build().readTree(Files.readString(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
