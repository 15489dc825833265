package dev.sluice.support.amqp;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;

/** A connection with its one confirm-mode channel, and the messages unconfirmed on that channel. */
record ConfirmChannel(Connection connection, Channel channel, UnconfirmedMessages unconfirmed) {

  static ConfirmChannel open(Connection connection, BlockedListener blockedListener)
      throws IOException {
    try {
      connection.addBlockedListener(blockedListener);
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      var unconfirmed = new UnconfirmedMessages();
      channel.addConfirmListener(unconfirmed);
      channel.addReturnListener(unconfirmed);
      channel.addShutdownListener(
          cause -> unconfirmed.failAll("the channel closed: " + cause.getMessage(), cause));
      return new ConfirmChannel(connection, channel, unconfirmed);
    } catch (IOException | RuntimeException e) {
      connection.abort();
      throw e;
    }
  }

  void close() {
    // abort: never wait on a broker that may be gone; the shutdown listener fails what is pending
    connection.abort(1000);
  }
}
