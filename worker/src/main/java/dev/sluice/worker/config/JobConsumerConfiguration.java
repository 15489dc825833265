package dev.sluice.worker.config;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the worker consumes the requests queue: {@code concurrency} consumers, each on a channel of
 * its own, a job acknowledged only once its result is confirmed by the broker, and the
 * acknowledgements of a consumer's jobs sent together.
 *
 * <p>Why together: a quorum queue writes each acknowledgement to its log as it writes a message,
 * and at the rates two cores allow every write costs the broker a wake-up of its own. With
 * RabbitMQ's PerfTest at 700 messages a second (32 consumers, as two workers consume), the broker
 * spent 956–1,127 µs of CPU per message acknowledged one by one, 732–735 µs with one multiple
 * acknowledgement per four. A job's acknowledgement waits until {@link WorkerProperties#ackBatch()}
 * jobs of its consumer have finished, or the next requeue or reject, or the consumer's stop, or
 * else until the container's monitor (it looks every {@link #ACK_DELAY}) finds the consumer's last
 * acknowledgement older than {@link #ACK_DELAY}: at most about twice that. Its result is confirmed
 * by then, so the wait changes nothing for its ticket; a worker that crashes in it has those jobs
 * delivered again and run a second time, as at-least-once delivery allows.
 *
 * <p>The direct container runs a consumer's jobs on the AMQP client's dispatch thread for its
 * channel, one job after the other, and does what the simple container cannot: it sends pending
 * acknowledgements before a nack, on cancel and after a delay. The client's own dispatch pool has
 * two threads per core, fewer than the consumers, and a job holds its thread while it runs, so the
 * connection gets a pool that grows to a thread per busy channel ({@link DispatchThreads}). These
 * are platform threads: each attempt's handler runs on a virtual thread of its own ({@code
 * HandlerInvoker}), and a blocked platform thread cannot starve the handlers (with consumers on
 * virtual threads, a worker restarted under a backlog once never became ready: CrashIT).
 */
@Configuration(proxyBeanMethods = false)
class JobConsumerConfiguration {

  /** About how long a finished job's acknowledgement may wait for others to go with it. */
  private static final Duration ACK_DELAY = Duration.ofMillis(250);

  @Bean
  DirectRabbitListenerContainerFactory jobListenerContainerFactory(
      ConnectionFactory connectionFactory, WorkerProperties properties) {
    var factory = new DirectRabbitListenerContainerFactory();
    factory.setConnectionFactory(connectionFactory);
    factory.setConsumersPerQueue(properties.concurrency());
    factory.setPrefetchCount(properties.prefetch());
    factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
    factory.setDefaultRequeueRejected(true);
    factory.setMessagesPerAck(properties.ackBatch());
    factory.setAckTimeout(ACK_DELAY.toMillis());
    factory.setMonitorInterval(ACK_DELAY.toMillis());
    // JobProcessor has logged why a job is requeued or rejected; the container logs the rest
    factory.setErrorHandler(error -> {});
    factory.setContainerCustomizer(
        container -> container.setShutdownTimeout(properties.shutdownGrace().toMillis()));
    return factory;
  }

  @Bean
  static DispatchThreads dispatchThreads() {
    return new DispatchThreads();
  }

  /**
   * Gives the broker connection a dispatch pool that grows with its busy channels. Daemon threads:
   * a job still running when the worker exits is the broker's to deliver again.
   */
  static final class DispatchThreads implements BeanPostProcessor, DisposableBean {

    private final ExecutorService pool =
        Executors.newCachedThreadPool(Thread.ofPlatform().name("job-", 1).daemon().factory());

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
      if (bean instanceof CachingConnectionFactory connections) {
        connections.setExecutor(pool);
      }
      return bean;
    }

    @Override
    public void destroy() {
      pool.shutdownNow();
    }
  }
}
