package dev.sluice.support;

import org.springframework.core.task.SyncTaskExecutor;
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
   *
   * <p>The listener is called on the thread that reads the subscription (the Redis client's event
   * loop), in the order the messages came, so it must not block. The container's default would
   * start a platform thread per message: on the final-ticket channel, one per finished job.
   */
  public static RedisMessageListenerContainer container(
      RedisConnectionFactory connections, MessageListener listener, String channel) {
    var container = new RedisMessageListenerContainer();
    container.setAutoStartup(false);
    container.setConnectionFactory(connections);
    container.setTaskExecutor(new SyncTaskExecutor());
    container.addMessageListener(listener, new ChannelTopic(channel));
    return container;
  }
}
