package dev.sluice.support;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** A Redis channel subscription that does not stop the application from starting. */
public final class RedisSubscriptions {

  private RedisSubscriptions() {}

  /**
   * A listener container for one channel, left for a {@link RedisSubscriptionStarter} to start:
   * started the usual way it would fail the application when Redis is down.
   */
  public static RedisMessageListenerContainer container(
      RedisConnectionFactory connections, MessageListener listener, String channel) {
    var container = new RedisMessageListenerContainer();
    container.setAutoStartup(false);
    container.setConnectionFactory(connections);
    container.addMessageListener(listener, new ChannelTopic(channel));
    return container;
  }
}
