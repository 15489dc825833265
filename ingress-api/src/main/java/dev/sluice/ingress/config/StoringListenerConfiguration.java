package dev.sluice.ingress.config;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * How the ingress consumes the results and dead queues. A message whose storing fails (Redis down)
 * is retried in place with backoff, then put back on the queue: never dropped, and never spinning.
 */
@Configuration(proxyBeanMethods = false)
class StoringListenerConfiguration {

  /**
   * Result events acknowledged together (one multiple ack): each is still applied, with all that
   * follows it, as it arrives; only its ack waits for up to nine more or the receive timeout (1 s).
   * A quorum queue settles each ack through its log, so this took about 15 % of the broker's CPU
   * per job off. When an event fails for good, the batch's earlier events, already applied, share
   * its fate: put back (Redis down), they are applied again as stale duplicates; dropped with an
   * unreadable one, nothing of them is lost.
   */
  private static final int RESULT_ACK_BATCH = 10;

  @Bean
  SimpleRabbitListenerContainerFactory storingListenerContainerFactory(
      ConnectionFactory connectionFactory) {
    return storing(connectionFactory, "storing-");
  }

  /**
   * The results queue's: {@code sluice.ingress.result-consumers} consumers, none when 0, with
   * acknowledgements in batches.
   */
  @Bean
  SimpleRabbitListenerContainerFactory resultsListenerContainerFactory(
      ConnectionFactory connectionFactory, IngressProperties properties) {
    var factory = storing(connectionFactory, "results-");
    factory.setConcurrentConsumers(Math.max(1, properties.resultConsumers()));
    factory.setAutoStartup(properties.resultConsumers() > 0);
    factory.setBatchSize(RESULT_ACK_BATCH);
    return factory;
  }

  private static SimpleRabbitListenerContainerFactory storing(
      ConnectionFactory connectionFactory, String threadPrefix) {
    var executor = new SimpleAsyncTaskExecutor(threadPrefix);
    var factory = new SimpleRabbitListenerContainerFactory();
    factory.setConnectionFactory(connectionFactory);
    factory.setTaskExecutor(executor);
    factory.setPrefetchCount(100);
    factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
    factory.setDefaultRequeueRejected(true);
    factory.setAdviceChain(
        RetryInterceptorBuilder.stateless()
            .maxRetries(4)
            .backOffOptions(200, 2.0, 2_000)
            .recoverer(new ImmediateRequeueMessageRecoverer())
            .build());
    return factory;
  }
}
