package dev.sluice.ingress.results;

import dev.sluice.model.Namespace;
import dev.sluice.model.UnreadableMessageException;
import dev.sluice.support.amqp.PlainListeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.annotation.RabbitListenerConfigurer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Adapts the results queue to the {@link ResultCollector}. The container acknowledges an event only
 * after this returned (in batches, see {@code StoringListenerConfiguration}); an exception (Redis
 * down) leaves it on the queue to be tried again.
 *
 * <p>Registered as a plain listener rather than a {@code @RabbitListener} method, as the workers'
 * job listener is: one event arrives per job, and the method's adapter copied each into a Spring
 * messaging message and called the method reflectively, about a sixth of the results consumers'
 * CPU. The container keeps the id {@value #ID} in the {@code RabbitListenerEndpointRegistry}.
 */
@Component
class ResultListener implements RabbitListenerConfigurer, MessageListener {

  private static final String ID = "results";
  private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

  private final ResultCollector collector;
  private final Namespace namespace;
  private final SimpleRabbitListenerContainerFactory containerFactory;

  ResultListener(
      ResultCollector collector,
      Namespace namespace,
      @Qualifier("resultsListenerContainerFactory")
          SimpleRabbitListenerContainerFactory resultsListenerContainerFactory) {
    this.collector = collector;
    this.namespace = namespace;
    this.containerFactory = resultsListenerContainerFactory;
  }

  @Override
  public void configureRabbitListeners(RabbitListenerEndpointRegistrar registrar) {
    PlainListeners.register(registrar, ID, namespace.resultsQueue(), this, containerFactory);
  }

  @Override
  public void onMessage(Message message) {
    try {
      collector.collect(message.getBody());
    } catch (UnreadableMessageException e) {
      log.error(
          "Discarding unreadable event {}: {}", message.getMessageProperties(), e.getMessage());
      throw new AmqpRejectAndDontRequeueException("unreadable event", e);
    }
  }
}
