package dev.sluice.ingress.results;

import dev.sluice.model.UnreadableMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Adapts the results queue to the {@link ResultCollector}. The container acknowledges an event only
 * after this returned (in batches, see {@code StoringListenerConfiguration}); an exception (Redis
 * down) leaves it on the queue to be tried again.
 */
@Component
class ResultListener {

  private static final Logger log = LoggerFactory.getLogger(ResultListener.class);

  private final ResultCollector collector;

  ResultListener(ResultCollector collector) {
    this.collector = collector;
  }

  @RabbitListener(
      id = "results",
      queues = "#{@sluiceNamespace.resultsQueue()}",
      containerFactory = "resultsListenerContainerFactory")
  void onEvent(Message message) {
    try {
      collector.collect(message.getBody());
    } catch (UnreadableMessageException e) {
      log.error(
          "Discarding unreadable event {}: {}", message.getMessageProperties(), e.getMessage());
      throw new AmqpRejectAndDontRequeueException("unreadable event", e);
    }
  }
}
