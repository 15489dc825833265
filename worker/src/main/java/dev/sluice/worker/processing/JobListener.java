package dev.sluice.worker.processing;

import com.rabbitmq.client.Channel;
import dev.sluice.model.Namespace;
import java.io.IOException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Adapts the requests queue to the {@link JobProcessor} and settles each delivery by hand.
 *
 * <p>Registered as a plain listener rather than a {@code @RabbitListener} method, whose adapter
 * copies every delivery into a Spring messaging message and calls the method reflectively: with the
 * Redis command observation the workers dropped at the same time, that cost a worker about a tenth
 * of its CPU per job. The container keeps the id {@value #ID} in the {@code
 * RabbitListenerEndpointRegistry}.
 */
@Component
class JobListener implements RabbitListenerConfigurer, ChannelAwareMessageListener {

  private static final String ID = "jobs";

  /** Set by quorum queues on redeliveries: how many times the job was delivered before. */
  private static final String DELIVERY_COUNT = "x-delivery-count";

  private final JobProcessor processor;
  private final Namespace namespace;
  private final SimpleRabbitListenerContainerFactory containerFactory;

  JobListener(
      JobProcessor processor,
      Namespace namespace,
      @Qualifier("jobListenerContainerFactory")
          SimpleRabbitListenerContainerFactory jobListenerContainerFactory) {
    this.processor = processor;
    this.namespace = namespace;
    this.containerFactory = jobListenerContainerFactory;
  }

  @Override
  public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
    var endpoint = new SimpleRabbitListenerEndpoint();
    endpoint.setId(ID);
    endpoint.setQueueNames(namespace.requestsQueue());
    endpoint.setMessageListener(this);
    registrar.registerEndpoint(endpoint, containerFactory);
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    long tag = message.getMessageProperties().getDeliveryTag();
    switch (processor.process(message.getBody(), earlierDeliveries(message))) {
      case ACKNOWLEDGE -> channel.basicAck(tag, false);
      case REQUEUE -> channel.basicNack(tag, false, true);
      case REJECT -> channel.basicReject(tag, false);
    }
  }

  private static int earlierDeliveries(Message message) {
    Object count = message.getMessageProperties().getHeaders().get(DELIVERY_COUNT);
    return count instanceof Number n ? n.intValue() : 0;
  }
}
