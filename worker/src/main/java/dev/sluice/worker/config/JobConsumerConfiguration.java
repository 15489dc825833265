package dev.sluice.worker.config;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * How the worker consumes the requests queue: {@code concurrency} consumers, acknowledging a job by
 * hand only once its result is confirmed by the broker.
 *
 * <p>Consumers run on platform threads; each attempt's handler runs on a virtual thread of its own
 * ({@code HandlerInvoker}). With consumers on virtual threads, a worker restarted under a backlog
 * once had its consumers not start within a minute and never became ready (CrashIT); the likely
 * cause is that, with as many carrier threads as cores, pinned virtual threads held up the others.
 * A blocked platform consumer thread cannot starve the handlers.
 */
@Configuration(proxyBeanMethods = false)
class JobConsumerConfiguration {

  @Bean
  SimpleRabbitListenerContainerFactory jobListenerContainerFactory(
      ConnectionFactory connectionFactory, WorkerProperties properties) {
    var executor = new SimpleAsyncTaskExecutor("job-");
    var factory = new SimpleRabbitListenerContainerFactory();
    factory.setConnectionFactory(connectionFactory);
    factory.setTaskExecutor(executor);
    factory.setConcurrentConsumers(properties.concurrency());
    factory.setMaxConcurrentConsumers(properties.concurrency());
    factory.setPrefetchCount(properties.prefetch());
    factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    factory.setDefaultRequeueRejected(true);
    factory.setReceiveTimeout(1_000L);
    factory.setContainerCustomizer(
        container -> container.setShutdownTimeout(properties.shutdownGrace().toMillis()));
    return factory;
  }
}
