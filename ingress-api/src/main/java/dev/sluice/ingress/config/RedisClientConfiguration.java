package dev.sluice.ingress.config;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * While Redis is unreachable, fail commands at once instead of queueing them until the command
 * timeout: a submit then gets its 503 in milliseconds. Lettuce keeps reconnecting meanwhile.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

  @Bean
  LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
    return options ->
        options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
  }
}
