package dev.sluice.support.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.sluice.support.amqp.NotConfirmedException.Reason;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;

/**
 * Publishes messages through the default exchange, mandatory, on one long-lived channel in confirm
 * mode, and lets each caller wait for the broker's confirm of its own message.
 *
 * <p>Why not {@code RabbitTemplate}: with correlated confirms, Spring AMQP's caching connection
 * factory keeps a channel out of its cache until that channel's confirms arrive, with a thread
 * parked per channel to wait for them. Under concurrent load that is a channel per message in
 * flight, opened and closed again once the cache is full; profiles of a submit showed it as the
 * largest cost. Here many messages are unconfirmed on one channel at once (as RabbitMQ's PerfTest
 * publishes), the broker confirms them in batches, and a waiting caller holds nothing but a future.
 *
 * <p>The publisher has a connection of its own, as RabbitMQ advises: when the broker blocks
 * publishing connections (a memory or disk alarm), consumers on the application's other connection
 * go on draining queues. It connects on first use and again after the connection broke, at most
 * once a second; in between, publishing fails at once.
 *
 * <p>No caller waits on a timer: the confirm, and the lock that lets one publish write at a time,
 * are waited for untimed (on a virtual thread each timed wait costs a task on the JDK's delay
 * scheduler and a wake-up of its thread, and a submit waits on both). One sweep bounds both waits
 * instead: it fails confirms that are overdue, and closes the socket under a write the broker has
 * not taken within the timeout, which ends that write and lets the callers queued behind it go on.
 * Nothing else would end it soon: closing the connection, by hand or when the client's heartbeat
 * gives up, flushes the socket first and so waits behind the write, until TCP itself gives up (many
 * minutes). Connecting takes at most half the timeout for the TCP connect and half for the AMQP
 * handshake (1 s at least each), and a caller whose deadline passed while it waited for the lock
 * does not publish; so no caller waits much longer than the timeout.
 */
public final class ConfirmingPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConfirmingPublisher.class);
  private static final long RECONNECT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ConnectionFactory factory;
  private final List<Address> addresses;
  private final String connectionName;
  private final Duration confirmTimeout;
  private final long confirmTimeoutNanos;
  private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();
  private final ReentrantLock lock = new ReentrantLock();
  private final ScheduledExecutorService overdueSweep;
  private final String overdue;
  private volatile @Nullable ConfirmChannel confirmChannel;
  private long nextConnectAttempt = System.nanoTime();
  private volatile boolean blocked;
  private volatile boolean closed;

  /** When the write under way began (System.nanoTime), 0 while none is. */
  private volatile long writingSince;

  /** The socket of the connection being opened; set by the factory, under the lock. */
  private @Nullable Socket connectingSocket;

  /**
   * @param factory the client's connection factory: credentials, TLS, timeouts
   * @param addresses the brokers to try, in order
   * @param connectionName shown in the broker's connection list
   * @param confirmTimeout how long a caller waits for the broker's confirm
   */
  public ConfirmingPublisher(
      ConnectionFactory factory,
      List<Address> addresses,
      String connectionName,
      Duration confirmTimeout) {
    this.factory = factory.clone();
    connectWithin(this.factory, confirmTimeout);
    this.factory.setSocketConfigurator(
        factory.getSocketConfigurator().andThen(socket -> connectingSocket = socket));
    this.addresses = List.copyOf(addresses);
    this.connectionName = connectionName;
    this.confirmTimeout = confirmTimeout;
    this.confirmTimeoutNanos = confirmTimeout.toNanos();
    this.overdue = "no confirm within " + confirmTimeout;
    // a few sweeps a second end overdue waits at most 100 ms late (a twentieth of a shorter
    // timeout, 10 ms at least)
    long sweepMillis = Math.clamp(confirmTimeout.toMillis() / 20, 10, 100);
    this.overdueSweep =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("confirm-timeouts-" + connectionName).factory());
    overdueSweep.scheduleWithFixedDelay(
        this::endOverdueWaits, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Fits the factory's connection and handshake timeouts in the confirm timeout (half each, 1 s at
   * least): a publish that connects holds the lock, and the callers behind it wait.
   */
  private static void connectWithin(ConnectionFactory factory, Duration timeout) {
    int half = (int) Math.max(1000, timeout.toMillis() / 2);
    factory.setConnectionTimeout(lowerBound(factory.getConnectionTimeout(), half));
    factory.setHandshakeTimeout(lowerBound(factory.getHandshakeTimeout(), half));
  }

  /** The lower of two timeouts in milliseconds, where 0 means none. */
  private static int lowerBound(int millis, int limit) {
    return millis == 0 ? limit : Math.min(millis, limit);
  }

  /**
   * A publisher that connects like the application's own connection factory: same credentials, TLS
   * and timeouts from the client factory, same brokers from Spring Boot's connection details.
   */
  public static ConfirmingPublisher forApplication(
      CachingConnectionFactory connections,
      RabbitConnectionDetails details,
      String connectionName,
      Duration confirmTimeout) {
    List<Address> addresses =
        details.getAddresses().stream()
            .map(address -> new Address(address.host(), address.port()))
            .toList();
    return new ConfirmingPublisher(
        connections.getRabbitConnectionFactory(), addresses, connectionName, confirmTimeout);
  }

  /**
   * Connects now rather than on the first publish, so that the first messages (at start-up, perhaps
   * a burst of them on a machine busy with them) do not wait out a connection handshake: one that
   * took longer than the connection timeout failed their publishes, and every publish for the next
   * second with them. A failure is logged; publishes try again as they always do.
   */
  public void connectEarly() {
    lock.lock();
    try {
      if (!closed) {
        connected();
      }
    } catch (NotConfirmedException e) {
      // connected() logged it
    } finally {
      lock.unlock();
    }
  }

  /** Whether the broker blocks this publisher's connection right now (memory or disk alarm). */
  public boolean isBlocked() {
    return blocked;
  }

  /**
   * Publishes and returns once the broker has confirmed it holds the message.
   *
   * @throws NotConfirmedException if it did not, with the reason
   */
  public void publishConfirmed(String queue, Message message) {
    Sent sent = send(queue, message, true);
    try {
      sent.confirmed().get();
    } catch (ExecutionException e) {
      // one failure may settle several messages: each caller gets an exception of its own
      var failure = (NotConfirmedException) e.getCause();
      throw new NotConfirmedException(failure.reason(), failure.getMessage(), failure);
    } catch (InterruptedException e) {
      sent.forget();
      Thread.currentThread().interrupt();
      throw new NotConfirmedException(Reason.INTERRUPTED, "interrupted awaiting the confirm", e);
    }
  }

  /**
   * Publishes without waiting for the broker: for messages a later one makes redundant.
   *
   * @throws NotConfirmedException if it could not even be sent
   */
  public void publish(String queue, Message message) {
    send(queue, message, false);
  }

  /**
   * Closes the connection for good: messages still unconfirmed, and publishes from now on, fail as
   * {@link Reason#UNREACHABLE}.
   */
  @Override
  public void close() {
    // no sweep from here on: a publish now could wait for ever, so none is let through
    closed = true;
    overdueSweep.shutdownNow();
    lockForClose();
    try {
      if (confirmChannel != null) {
        confirmChannel.close();
        confirmChannel = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the publishes under way; a write stuck for the timeout is broken off. */
  private void lockForClose() {
    try {
      if (lock.tryLock(confirmTimeoutNanos, TimeUnit.NANOSECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ConfirmChannel current = confirmChannel;
    if (current != null) {
      current.breakOff();
    }
    lock.lock();
  }

  private Sent send(String queue, Message message, boolean awaitConfirm) {
    if (closed) {
      throw closed();
    }
    if (blocked) {
      throw new NotConfirmedException(Reason.BLOCKED, "the broker blocks publishers", null);
    }
    long deadline = System.nanoTime() + confirmTimeoutNanos;
    lockUntimed();
    try {
      if (closed) {
        throw closed();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new NotConfirmedException(Reason.TIMEOUT, "the publishing channel was busy", null);
      }
      ConfirmChannel current = connected();
      long sequence = current.channel().getNextPublishSeqNo();
      message.getMessageProperties().setHeader(UnconfirmedMessages.SEQUENCE_HEADER, sequence);
      AMQP.BasicProperties properties =
          converter.fromMessageProperties(message.getMessageProperties(), "UTF-8");
      CompletableFuture<Void> confirmed =
          awaitConfirm
              ? current.unconfirmed().expect(sequence, deadline)
              : CompletableFuture.completedFuture(null);
      try {
        writingSince = System.nanoTime();
        current.channel().basicPublish("", queue, true, properties, message.getBody());
      } catch (IOException | RuntimeException e) {
        current.unconfirmed().forget(sequence);
        throw new NotConfirmedException(Reason.UNREACHABLE, "could not send to the broker", e);
      }
      return new Sent(current.unconfirmed(), sequence, confirmed);
    } finally {
      writingSince = 0;
      lock.unlock();
    }
  }

  /**
   * Untimed: the holder writes (the sweep ends a write that takes longer than the timeout) or
   * connects (bounded by the factory's timeouts).
   */
  private void lockUntimed() {
    try {
      lock.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotConfirmedException(Reason.INTERRUPTED, "interrupted awaiting the channel", e);
    }
  }

  private static NotConfirmedException closed() {
    return new NotConfirmedException(Reason.UNREACHABLE, "the publisher is closed", null);
  }

  /** Under the lock: the open channel, connecting first if there is none. */
  private ConfirmChannel connected() {
    if (confirmChannel != null && confirmChannel.channel().isOpen()) {
      return confirmChannel;
    }
    if (confirmChannel != null) {
      confirmChannel.close();
      confirmChannel = null;
    }
    if (System.nanoTime() - nextConnectAttempt < 0) {
      throw new NotConfirmedException(Reason.UNREACHABLE, "not connected to the broker", null);
    }
    nextConnectAttempt = System.nanoTime() + RECONNECT_INTERVAL_NANOS;
    try {
      Connection connection = factory.newConnection(addresses, connectionName);
      confirmChannel = ConfirmChannel.open(connection, connectingSocket, blockedListener());
      return confirmChannel;
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.warn("Could not connect publisher {} to {}: {}", connectionName, addresses, e.toString());
      throw new NotConfirmedException(Reason.UNREACHABLE, "could not connect to the broker", e);
    }
  }

  /**
   * Fails the messages of the current channel whose confirm is overdue, and closes its socket if a
   * write on it has taken longer than the timeout: the broker does not read (it hangs, or the
   * network drops packets without a reset), and nothing else would end that write soon (see the
   * class comment), with every caller queued behind it.
   */
  private void endOverdueWaits() {
    try {
      long now = System.nanoTime();
      ConfirmChannel current = confirmChannel;
      if (current == null) {
        return;
      }
      current.unconfirmed().expireOverdue(now, overdue);
      long since = writingSince;
      if (since != 0 && now - since > confirmTimeoutNanos) {
        log.warn(
            "Publisher {}: a write has waited for the broker longer than {}; closing its socket",
            connectionName,
            confirmTimeout);
        current.breakOff();
      }
    } catch (RuntimeException e) {
      // a sweep that threw would never run again, and waiting callers would hang
      log.error("Could not end overdue waits of publisher {}", connectionName, e);
    }
  }

  private BlockedListener blockedListener() {
    blocked = false;
    return new BlockedListener() {
      @Override
      public void handleBlocked(String reason) {
        blocked = true;
        log.warn("Broker blocks publisher {}: {}", connectionName, reason);
      }

      @Override
      public void handleUnblocked() {
        blocked = false;
        log.info("Broker accepts publisher {} again", connectionName);
      }
    };
  }

  /** A message on its way, and how to stop waiting for it. */
  private record Sent(
      UnconfirmedMessages unconfirmed, long sequence, CompletableFuture<Void> confirmed) {
    void forget() {
      unconfirmed.forget(sequence);
    }
  }
}
