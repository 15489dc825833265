package dev.sluice.ingress.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.Topology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares Sluice's queues on every (re)connection to the broker. */
@Configuration(proxyBeanMethods = false)
class BrokerTopologyConfiguration {

  @Bean
  Declarables sluiceQueues(Namespace namespace, SluiceProperties properties) {
    var queue = properties.queue();
    return new Declarables(
        new Queue(
            namespace.requestsQueue(),
            true,
            false,
            false,
            Topology.requestsQueueArguments(namespace, queue.maxLength(), queue.deliveryLimit())),
        new Queue(namespace.resultsQueue(), true, false, false, Topology.plainQueueArguments()),
        new Queue(namespace.deadQueue(), true, false, false, Topology.plainQueueArguments()));
  }
}
