package dev.sluice.worker.processing;

import dev.sluice.model.Namespace;
import dev.sluice.support.amqp.PlainListeners;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Adapts the requests queue to the {@link JobProcessor}. The container acknowledges a job when this
 * returns (in batches: {@code JobConsumerConfiguration}); the exceptions thrown for the other
 * dispositions have it requeue or reject the delivery.
 *
 * <p>Registered as a plain listener rather than a {@code @RabbitListener} method, whose adapter
 * copies every delivery into a Spring messaging message and calls the method reflectively: with the
 * Redis command observation the workers dropped at the same time, that cost a worker about a tenth
 * of its CPU per job. The container keeps the id {@value #ID} in the {@code
 * RabbitListenerEndpointRegistry}.
 */
@Component
class JobListener implements RabbitListenerConfigurer, MessageListener {

  private static final String ID = "jobs";

  /** Set by quorum queues on redeliveries: how many times the job was delivered before. */
  private static final String DELIVERY_COUNT = "x-delivery-count";

  private final JobProcessor processor;
  private final Namespace namespace;
  private final DirectRabbitListenerContainerFactory containerFactory;

  JobListener(
      JobProcessor processor,
      Namespace namespace,
      @Qualifier("jobListenerContainerFactory")
          DirectRabbitListenerContainerFactory jobListenerContainerFactory) {
    this.processor = processor;
    this.namespace = namespace;
    this.containerFactory = jobListenerContainerFactory;
  }

  @Override
  public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
    PlainListeners.register(registrar, ID, namespace.requestsQueue(), this, containerFactory);
  }

  @Override
  public void onMessage(Message message) {
    switch (processor.process(message.getBody(), earlierDeliveries(message))) {
      case ACKNOWLEDGE -> {}
      case REQUEUE -> throw new ImmediateRequeueAmqpException("job handed back to the queue");
      case REJECT -> throw new AmqpRejectAndDontRequeueException("job dead-lettered");
    }
  }

  private static int earlierDeliveries(Message message) {
    Object count = message.getMessageProperties().getHeaders().get(DELIVERY_COUNT);
    return count instanceof Number n ? n.intValue() : 0;
  }
}
