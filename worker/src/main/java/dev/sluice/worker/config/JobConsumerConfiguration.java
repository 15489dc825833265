package dev.sluice.worker.config;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * How the worker consumes the requests queue: {@code concurrency} consumers, each on a virtual
 * thread, acknowledging a job by hand only once its result is confirmed by the broker.
 */
@Configuration(proxyBeanMethods = false)
class JobConsumerConfiguration {

  @Bean
  SimpleRabbitListenerContainerFactory jobListenerContainerFactory(
      ConnectionFactory connectionFactory, WorkerProperties properties) {
    var executor = new SimpleAsyncTaskExecutor("job-");
    executor.setVirtualThreads(true);
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
