package dev.sluice.support.amqp;

import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistrar;

/**
 * Registers a plain {@link MessageListener} as a listener endpoint, in the registry under its id
 * like a {@code @RabbitListener} method. For the queues that see a message per job: a method's
 * adapter copies every message into a Spring messaging message and calls the method reflectively,
 * which cost the workers' job consumers and the ingress's results consumers a noticeable share of
 * their CPU.
 */
public final class PlainListeners {

  private PlainListeners() {}

  public static void register(
      RabbitListenerEndpointRegistrar registrar,
      String id,
      String queue,
      MessageListener listener,
      RabbitListenerContainerFactory<?> containerFactory) {
    var endpoint = new SimpleRabbitListenerEndpoint();
    endpoint.setId(id);
    endpoint.setQueueNames(queue);
    endpoint.setMessageListener(listener);
    registrar.registerEndpoint(endpoint, containerFactory);
  }
}
