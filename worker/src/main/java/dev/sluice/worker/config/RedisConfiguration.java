package dev.sluice.worker.config;

import dev.sluice.model.Namespace;
import dev.sluice.support.RedisSubscriptionStarter;
import dev.sluice.support.RedisSubscriptions;
import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The worker's use of Redis: cancel markers and the cancel channel. Commands fail at once while
 * Redis is unreachable, so a Redis outage does not slow jobs down.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

  @Bean
  LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
    return options ->
        options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
  }

  @Bean
  RedisMessageListenerContainer cancelListener(
      RedisConnectionFactory connections, MessageListener cancellationWatch, Namespace namespace) {
    return RedisSubscriptions.container(connections, cancellationWatch, namespace.cancelChannel());
  }

  @Bean
  RedisSubscriptionStarter cancelListenerStarter(RedisMessageListenerContainer cancelListener) {
    return new RedisSubscriptionStarter(cancelListener);
  }
}
