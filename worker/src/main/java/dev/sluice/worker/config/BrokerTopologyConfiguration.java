package dev.sluice.worker.config;

import dev.sluice.model.Namespace;
import dev.sluice.model.Topology;
import java.util.stream.Stream;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the shared queues and the workers' delay queues on every (re)connection. */
@Configuration(proxyBeanMethods = false)
class BrokerTopologyConfiguration {

  @Bean
  Declarables sluiceQueues(Namespace namespace, SluiceProperties sluice, WorkerProperties worker) {
    var queue = sluice.queue();
    return new Declarables(
        Stream.concat(
                Topology.sharedQueues(namespace, queue.maxLength(), queue.deliveryLimit()).stream(),
                Topology.retryQueues(namespace, worker.retry().toPolicy().levels()).stream())
            .map(spec -> new Queue(spec.name(), true, false, false, spec.arguments()))
            .toList());
  }
}
