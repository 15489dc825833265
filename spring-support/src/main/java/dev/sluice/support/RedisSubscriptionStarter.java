package dev.sluice.support;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts a Redis subscription without holding up, or failing, the application when Redis is down:
 * the container refuses to start without a connection, so this keeps trying in the background. Once
 * subscribed, the container reconnects by itself.
 */
public final class RedisSubscriptionStarter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RedisSubscriptionStarter.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private final RedisMessageListenerContainer container;
  private volatile boolean running;
  private volatile Thread starter;

  public RedisSubscriptionStarter(RedisMessageListenerContainer container) {
    this.container = container;
  }

  @Override
  public void start() {
    running = true;
    starter = Thread.ofVirtual().name("redis-subscription-starter").start(this::startContainer);
  }

  private void startContainer() {
    while (running) {
      try {
        container.start();
        return;
      } catch (RuntimeException e) {
        log.warn("Redis subscription not started ({}); trying again in {}", e.getMessage(), RETRY);
        try {
          Thread.sleep(RETRY);
        } catch (InterruptedException interrupted) {
          return; // shutting down
        }
      }
    }
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = starter;
    if (thread != null) {
      thread.interrupt();
    }
    container.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
