package dev.sluice.ingress.submit;

import dev.sluice.ingress.broker.ConfirmedSender;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.WireCodec;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.stereotype.Component;

/** Puts jobs on the requests queue, persistent and confirmed by the broker. */
@Component
public class JobPublisher {

  private final ConfirmedSender sender;
  private final WireCodec codec;
  private final String queue;

  JobPublisher(ConfirmedSender sender, WireCodec codec, Namespace namespace) {
    this.sender = sender;
    this.codec = codec;
    this.queue = namespace.requestsQueue();
  }

  /** Refuses at once while the broker blocks publishers, before any work is done. */
  public void checkAccepting() {
    sender.checkAccepting();
  }

  /**
   * @throws dev.sluice.ingress.problems.ServiceUnavailableException if the queue is full, or the
   *     broker is unreachable, blocks publishers, refuses the message, or does not confirm in time
   */
  public void enqueue(JobRequest job) {
    sender.send(
        queue,
        MessageBuilder.withBody(codec.encode(job))
            .setContentType(WireCodec.CONTENT_TYPE)
            .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
            .setMessageId(job.id())
            .build());
  }
}
