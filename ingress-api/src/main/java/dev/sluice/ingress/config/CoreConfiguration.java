package dev.sluice.ingress.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CoreConfiguration {

  @Bean
  Namespace sluiceNamespace(SluiceProperties properties) {
    return properties.toNamespace();
  }

  @Bean
  WireCodec wireCodec() {
    return new WireCodec();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
