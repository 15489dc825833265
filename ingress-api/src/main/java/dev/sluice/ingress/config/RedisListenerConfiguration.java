package dev.sluice.ingress.config;

import dev.sluice.ingress.tickets.FinalNotifications;
import dev.sluice.model.Namespace;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** One Redis subscription per ingress, for the final-ticket channel that wakes long polls. */
@Configuration(proxyBeanMethods = false)
class RedisListenerConfiguration {

  @Bean
  RedisMessageListenerContainer finalTicketListener(
      RedisConnectionFactory connections, FinalNotifications notifications, Namespace namespace) {
    var container = new RedisMessageListenerContainer();
    container.setAutoStartup(
        false); // started by the starter below, which survives Redis being down
    container.setConnectionFactory(connections);
    container.addMessageListener(notifications, new ChannelTopic(namespace.finalChannel()));
    return container;
  }

  @Bean
  RedisSubscriptionStarter finalTicketListenerStarter(
      RedisMessageListenerContainer finalTicketListener) {
    return new RedisSubscriptionStarter(finalTicketListener);
  }
}
