package dev.sluice.worker.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.RetryPolicy;
import dev.sluice.model.WireCodec;
import dev.sluice.support.amqp.ConfirmingPublisher;
import java.time.Clock;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
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

  /** Events and forwarded jobs; see {@link ConfirmingPublisher} for why not RabbitTemplate. */
  @Bean
  ConfirmingPublisher confirmingPublisher(
      CachingConnectionFactory connections,
      RabbitConnectionDetails details,
      WorkerProperties properties) {
    return ConfirmingPublisher.forApplication(
        connections, details, "sluice-worker-publisher", properties.publishTimeout());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
