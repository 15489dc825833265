package dev.sluice.ingress.config;

import dev.sluice.ingress.tickets.FinalNotifications;
import dev.sluice.model.Namespace;
import dev.sluice.support.RedisSubscriptionStarter;
import dev.sluice.support.RedisSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** One Redis subscription per ingress, for the final-ticket channel that wakes long polls. */
@Configuration(proxyBeanMethods = false)
class RedisListenerConfiguration {

  @Bean
  RedisMessageListenerContainer finalTicketListener(
      RedisConnectionFactory connections, FinalNotifications notifications, Namespace namespace) {
    return RedisSubscriptions.container(connections, notifications, namespace.finalChannel());
  }

  @Bean
  RedisSubscriptionStarter finalTicketListenerStarter(
      RedisMessageListenerContainer finalTicketListener) {
    return new RedisSubscriptionStarter(finalTicketListener);
  }
}
