package dev.sluice.worker.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.RetryPolicy;
import dev.sluice.model.WireCodec;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
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
  RetryPolicy retryPolicy(WorkerProperties properties) {
    return properties.retry().toPolicy();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
