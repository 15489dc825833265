package dev.sluice.support.amqp;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.net.Socket;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A connection with its one confirm-mode channel, the messages unconfirmed on that channel, and the
 * socket under the connection.
 */
record ConfirmChannel(
    Connection connection, Socket socket, Channel channel, UnconfirmedMessages unconfirmed) {

  /**
   * @param socket the connection's socket, as the factory's socket configurator saw it
   */
  static ConfirmChannel open(
      Connection connection, @Nullable Socket socket, BlockedListener blockedListener)
      throws IOException {
    try {
      Socket seen =
          Objects.requireNonNull(socket, "no socket seen: the factory must use blocking I/O");
      connection.addBlockedListener(blockedListener);
      Channel channel = connection.createChannel();
      channel.confirmSelect();
      var unconfirmed = new UnconfirmedMessages();
      channel.addConfirmListener(unconfirmed);
      channel.addReturnListener(unconfirmed);
      channel.addShutdownListener(
          cause -> unconfirmed.failAll("the channel closed: " + cause.getMessage(), cause));
      return new ConfirmChannel(connection, seen, channel, unconfirmed);
    } catch (IOException | RuntimeException e) {
      connection.abort();
      throw e;
    }
  }

  void close() {
    // abort: never wait on a broker that may be gone; the shutdown listener fails what is pending
    connection.abort(1000);
  }

  /**
   * Closes the socket under the connection, which ends a write blocked on it; the client then shuts
   * the connection down. For when the connection itself cannot be closed: closing it writes to the
   * broker too, and waits behind the blocked write.
   */
  void breakOff() {
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }
}
