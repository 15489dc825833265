package dev.sluice.ingress.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import dev.sluice.support.amqp.ConfirmingPublisher;
import java.time.Clock;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
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

  /** Submits and webhook messages; see {@link ConfirmingPublisher} for why not RabbitTemplate. */
  @Bean
  ConfirmingPublisher confirmingPublisher(
      CachingConnectionFactory connections,
      RabbitConnectionDetails details,
      IngressProperties properties) {
    return ConfirmingPublisher.forApplication(
        connections, details, "sluice-ingress-publisher", properties.publishTimeout());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
