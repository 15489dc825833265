package dev.sluice.ingress.inflight;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the {@link InFlightLimit} in front of the API, ahead of authentication: a request refused
 * for load costs no key check and no Redis call. Health and metrics are not behind it, so probes
 * still answer while the API is full.
 */
@Configuration(proxyBeanMethods = false)
class InFlightConfiguration implements WebMvcConfigurer {

  private final InFlightLimit limit;

  InFlightConfiguration(InFlightLimit limit) {
    this.limit = limit;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(limit).addPathPatterns("/v1/**").order(Ordered.HIGHEST_PRECEDENCE);
  }
}
