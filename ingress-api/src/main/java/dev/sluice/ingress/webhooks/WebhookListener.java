package dev.sluice.ingress.webhooks;

import dev.sluice.model.WireCodec;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Adapts the webhook queue to the {@link WebhookDispatcher}. */
@Component
class WebhookListener {

  private final WebhookDispatcher dispatcher;
  private final WireCodec codec;

  WebhookListener(WebhookDispatcher dispatcher, WireCodec codec) {
    this.dispatcher = dispatcher;
    this.codec = codec;
  }

  @RabbitListener(
      id = "webhooks",
      queues = "#{@sluiceNamespace.webhooksQueue()}",
      containerFactory = "storingListenerContainerFactory",
      concurrency = "${sluice.webhooks.dispatchers:4}")
  void onDelivery(Message message) {
    dispatcher.dispatch(codec.decode(message.getBody(), WebhookDelivery.class));
  }
}
