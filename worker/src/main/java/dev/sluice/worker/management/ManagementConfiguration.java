package dev.sluice.worker.management;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ManagementConfiguration {

  @Bean
  ManagementServer managementServer(
      ManagementServerProperties properties,
      HealthContributorRegistry contributors,
      ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors,
      HealthEndpointGroups groups,
      HealthEndpointProperties health,
      PrometheusScrapeEndpoint prometheus) {
    var replies = new Replies(JsonMapper.builder().build());
    // what Spring Boot builds for a web server; without one it builds only the bare endpoint
    var healthOverHttp =
        new HealthEndpointWebExtension(
            contributors,
            reactiveContributors.getIfAvailable(),
            groups,
            health.getLogging().getSlowIndicatorThreshold());
    return new ManagementServer(
        properties.port(),
        List.of(new HealthRoute(healthOverHttp, replies), new PrometheusRoute(prometheus, replies)),
        replies);
  }
}
