package dev.sluice.worker.processing;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Adapts the requests queue to the {@link JobProcessor} and settles each delivery by hand. */
@Component
class JobListener {

  /** Set by quorum queues on redeliveries: how many times the job was delivered before. */
  private static final String DELIVERY_COUNT = "x-delivery-count";

  private final JobProcessor processor;

  JobListener(JobProcessor processor) {
    this.processor = processor;
  }

  @RabbitListener(
      id = "jobs",
      queues = "#{@sluiceNamespace.requestsQueue()}",
      containerFactory = "jobListenerContainerFactory")
  void onJob(Message message, Channel channel) throws IOException {
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
