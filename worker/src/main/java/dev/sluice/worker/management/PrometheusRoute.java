package dev.sluice.worker.management;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * {@code /actuator/prometheus}: Spring Boot's scrape endpoint, in the format the scraper asks for
 * in {@code Accept} (text 0.0.4 unless it prefers OpenMetrics or protobuf), limited to the series
 * named in {@code includedNames} (comma-separated) when given.
 */
final class PrometheusRoute implements Route {

  private static final String PATH = "/actuator/prometheus";
  private static final String INCLUDED_NAMES = "includedNames=";

  private final PrometheusScrapeEndpoint scrape;
  private final Replies replies;

  PrometheusRoute(PrometheusScrapeEndpoint scrape, Replies replies) {
    this.scrape = scrape;
    this.replies = replies;
  }

  @Override
  public boolean serves(String path) {
    return path.equals(PATH);
  }

  @Override
  public void answer(HttpExchange exchange) throws IOException {
    PrometheusOutputFormat format = formatFor(exchange.getRequestHeaders().getFirst("Accept"));
    var reply = scrape.scrape(format, includedNames(exchange.getRequestURI().getRawQuery()));
    MimeType type =
        reply.getContentType() != null ? reply.getContentType() : format.getProducedMimeType();
    byte[] body = reply.getBody() != null ? reply.getBody() : new byte[0];
    replies.send(exchange, reply.getStatus(), type.toString(), body);
  }

  /**
   * The first format the Accept header names, by its quality; text 0.0.4 for a wildcard or none.
   */
  private static PrometheusOutputFormat formatFor(@Nullable String accept) {
    if (accept == null || accept.isBlank()) {
      return PrometheusOutputFormat.CONTENT_TYPE_004;
    }
    List<MimeType> accepted;
    try {
      accepted = MimeTypeUtils.parseMimeTypes(accept);
    } catch (IllegalArgumentException unparseable) {
      return PrometheusOutputFormat.CONTENT_TYPE_004;
    }
    accepted.sort(Comparator.comparingDouble(PrometheusRoute::quality).reversed());
    for (MimeType type : accepted) {
      if (type.isWildcardType()) {
        return PrometheusOutputFormat.CONTENT_TYPE_004;
      }
      for (PrometheusOutputFormat format : PrometheusOutputFormat.values()) {
        if (format.getProducedMimeType().isCompatibleWith(type)) {
          return format;
        }
      }
    }
    return PrometheusOutputFormat.CONTENT_TYPE_004;
  }

  private static double quality(MimeType type) {
    String q = type.getParameter("q");
    try {
      return q == null ? 1.0 : Double.parseDouble(q);
    } catch (NumberFormatException malformed) {
      return 0.0;
    }
  }

  private static @Nullable Set<String> includedNames(@Nullable String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    Set<String> names =
        Arrays.stream(rawQuery.split("&"))
            .filter(parameter -> parameter.startsWith(INCLUDED_NAMES))
            .map(
                parameter ->
                    URLDecoder.decode(
                        parameter.substring(INCLUDED_NAMES.length()), StandardCharsets.UTF_8))
            .flatMap(value -> Arrays.stream(value.split(",")))
            .filter(name -> !name.isBlank())
            .collect(Collectors.toSet());
    return names.isEmpty() ? null : names;
  }
}
