package dev.sluice.ingress.deadletters;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Adapts the dead queue to the {@link DeadLetterCollector}. A message is acknowledged only once it
 * is archived; if Redis is down it stays on the queue.
 */
@Component
class DeadLetterListener {

  private final DeadLetterCollector collector;

  DeadLetterListener(DeadLetterCollector collector) {
    this.collector = collector;
  }

  @RabbitListener(
      id = "dead-letters",
      queues = "#{@sluiceNamespace.deadQueue()}",
      containerFactory = "storingListenerContainerFactory",
      concurrency = "1")
  void onDeadLetter(Message message) {
    collector.collect(message);
  }
}
