package dev.sluice.ingress.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the shared queues on every (re)connection to the broker. */
@Configuration(proxyBeanMethods = false)
class BrokerTopologyConfiguration {

  @Bean
  Declarables sluiceQueues(Namespace namespace, SluiceProperties properties) {
    var queue = properties.queue();
    return new Declarables(
        Topology.sharedQueues(namespace, queue.maxLength(), queue.deliveryLimit()).stream()
            .map(spec -> new Queue(spec.name(), true, false, false, spec.arguments()))
            .toList());
  }
}
