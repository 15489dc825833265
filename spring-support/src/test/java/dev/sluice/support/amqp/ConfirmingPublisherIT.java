package dev.sluice.support.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.sluice.support.amqp.NotConfirmedException.Reason;
import dev.sluice.testing.Rabbitmqctl;
import dev.sluice.testing.StallingProxy;
import dev.sluice.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;

/** The publisher against the real broker: confirms, refusals, returns, and a broken connection. */
class ConfirmingPublisherIT {

  private static final TestServices services = TestServices.get();

  private final String prefix = "t-publisher-" + UUID.randomUUID().toString().substring(0, 8);
  private final String connectionName = prefix + "-publisher";
  private final List<String> queues = new ArrayList<>();
  private Connection admin;
  private ConfirmingPublisher publisher;

  @BeforeEach
  void connect() throws Exception {
    admin = factory().newConnection(prefix + "-admin");
    publisher =
        new ConfirmingPublisher(
            factory(),
            List.of(new Address(services.rabbitHost(), services.rabbitPort())),
            connectionName,
            Duration.ofSeconds(10));
  }

  @AfterEach
  void cleanUp() throws Exception {
    publisher.close();
    try (Channel channel = admin.createChannel()) {
      for (String queue : queues) {
        channel.queueDelete(queue);
      }
    }
    admin.close();
  }

  @Test
  void confirmedMessageIsOnTheQueueWithItsBodyAndProperties() throws Exception {
    String queue = quorumQueue(Map.of());

    publisher.publishConfirmed(queue, message("job-1"));

    try (Channel channel = admin.createChannel()) {
      GetResponse got = channel.basicGet(queue, true);
      assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("body of job-1");
      assertThat(got.getProps().getMessageId()).isEqualTo("job-1");
      assertThat(got.getProps().getContentType()).isEqualTo("application/json");
      assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
    }
  }

  @Test
  void everyConcurrentPublisherGetsItsOwnConfirm() throws Exception {
    String queue = quorumQueue(Map.of());
    int threads = 100;
    int perThread = 20;

    List<Future<?>> sends = new ArrayList<>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        sends.add(
            executor.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    publisher.publishConfirmed(queue, message(thread + "-" + i));
                  }
                }));
      }
    }
    for (Future<?> send : sends) {
      send.get(); // rethrows any NotConfirmedException
    }

    // confirmed means held: every message is there at once, each exactly once
    Set<String> ids = new HashSet<>();
    try (Channel channel = admin.createChannel()) {
      for (GetResponse got = channel.basicGet(queue, true);
          got != null;
          got = channel.basicGet(queue, true)) {
        assertThat(ids.add(got.getProps().getMessageId())).isTrue();
      }
    }
    assertThat(ids).hasSize(threads * perThread);
  }

  @Test
  void queueOverItsLimitRefusesAndEveryConfirmedMessageIsHeld() throws Exception {
    // a quorum queue refuses once it is over x-max-length, so it may take one more than the limit
    String queue = quorumQueue(Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
    int confirmed = 0;
    List<Reason> failures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      try {
        publisher.publishConfirmed(queue, message("job-" + i));
        confirmed++;
      } catch (NotConfirmedException e) {
        failures.add(e.reason());
      }
    }

    assertThat(failures).isNotEmpty().containsOnly(Reason.REFUSED);
    assertThat(messageCount(queue)).isEqualTo(confirmed);
  }

  @Test
  void messageToAMissingQueueIsReturnedNotConfirmed() {
    assertThatThrownBy(() -> publisher.publishConfirmed(prefix + ".nowhere", message("lost")))
        .isInstanceOfSatisfying(
            NotConfirmedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNROUTABLE));

    // and the channel is still good for the next one
    String queue = quorumQueue(Map.of());
    publisher.publishConfirmed(queue, message("next"));
  }

  @Test
  void connectEarlyOpensTheConnectionBeforeTheFirstPublish() {
    assumeThat(Rabbitmqctl.reaches(services))
        .as("listing connections needs rabbitmqctl on the broker's machine")
        .isTrue();
    assertThat(connectionListing()).doesNotContain("\"" + connectionName + "\"");

    publisher.connectEarly();

    assertThat(connectionListing()).contains("\"" + connectionName + "\"");
  }

  @Test
  void publisherReconnectsAfterTheBrokerClosedItsConnection() throws Exception {
    assumeThat(Rabbitmqctl.reaches(services))
        .as("closing a connection needs rabbitmqctl on the broker's machine")
        .isTrue();
    String queue = quorumQueue(Map.of());
    publisher.publishConfirmed(queue, message("before"));

    closeConnection(connectionName);

    // each try fails fast (UNREACHABLE) until the publisher has connected again; none hangs
    await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(NotConfirmedException.class)
        .until(
            () -> {
              publisher.publishConfirmed(queue, message("after"));
              return true;
            });
    assertThat(messageCount(queue)).isEqualTo(2);
  }

  @Test
  void confirmThatNeverComesFailsAsTimeoutAndThePublisherGoesOn() throws Exception {
    String queue = quorumQueue(Map.of());
    try (var proxy = StallingProxy.to(services.rabbitHost(), services.rabbitPort());
        var stalling = publisherThrough(proxy, "-stalling", Duration.ofMillis(500))) {
      stalling.publishConfirmed(queue, message("answered"));

      // the broker's confirms no longer arrive: the wait ends by the timeout, not never
      proxy.stall();
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThatThrownBy(() -> stalling.publishConfirmed(queue, message("unanswered")))
                  .isInstanceOfSatisfying(
                      NotConfirmedException.class,
                      e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT)));

      // the late confirm, when it comes, settles nothing twice; the next publish is confirmed
      proxy.resume();
      stalling.publishConfirmed(queue, message("answered again"));
    }
    assertThat(messageCount(queue)).isEqualTo(3);
  }

  @Test
  void writeTheBrokerDoesNotReadEndsByTheTimeoutAndThePublisherGoesOn() throws Exception {
    String queue = quorumQueue(Map.of());
    try (var proxy = StallingProxy.to(services.rabbitHost(), services.rabbitPort());
        var stuck = publisherThrough(proxy, "-stuck", Duration.ofSeconds(1))) {
      stuck.publishConfirmed(queue, message("before"));

      // nothing is read from the publisher's socket any more: once the buffers are full (a few MB
      // on loopback), the write under way blocks, and the publishes queued behind it wait for it
      proxy.freeze();
      List<Future<?>> publishes = new ArrayList<>();
      List<Reason> reasons = new CopyOnWriteArrayList<>();
      var executor = Executors.newVirtualThreadPerTaskExecutor();
      try {
        for (int i = 0; i < 8; i++) {
          var big = message("big-" + i, new byte[4 * 1024 * 1024]);
          publishes.add(
              executor.submit(
                  () -> {
                    try {
                      stuck.publishConfirmed(queue, big);
                    } catch (NotConfirmedException e) {
                      reasons.add(e.reason());
                    }
                  }));
        }
        // each ends soon after the timeout; none waits until TCP gives up on the connection
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> {
              for (Future<?> publish : publishes) {
                publish.get();
              }
            });
      } finally {
        executor.shutdownNow(); // interrupted, a virtual thread's blocked write ends: no hang
      }
      assertThat(reasons).hasSize(8).doesNotContain(Reason.REFUSED, Reason.UNROUTABLE);

      // the stuck connection was given up: once the broker reads again, the publisher reconnects
      proxy.resume();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsInstanceOf(NotConfirmedException.class)
          .until(
              () -> {
                stuck.publishConfirmed(queue, message("after"));
                return true;
              });
    }
  }

  /** A publisher of its own that reaches the broker through the proxy. */
  private ConfirmingPublisher publisherThrough(
      StallingProxy proxy, String nameSuffix, Duration confirmTimeout) {
    return new ConfirmingPublisher(
        factory(),
        List.of(new Address("127.0.0.1", proxy.port())),
        connectionName + nameSuffix,
        confirmTimeout);
  }

  private String quorumQueue(Map<String, Object> arguments) {
    String queue = prefix + "." + queues.size();
    var all = new HashMap<String, Object>(arguments);
    all.put("x-queue-type", "quorum");
    try (Channel channel = admin.createChannel()) {
      channel.queueDeclare(queue, true, false, false, all);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    queues.add(queue);
    return queue;
  }

  private long messageCount(String queue) throws Exception {
    try (Channel channel = admin.createChannel()) {
      return channel.messageCount(queue);
    }
  }

  private static Message message(String id) {
    return message(id, ("body of " + id).getBytes(StandardCharsets.UTF_8));
  }

  private static Message message(String id, byte[] body) {
    return MessageBuilder.withBody(body)
        .setMessageId(id)
        .setContentType("application/json")
        .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
        .build();
  }

  private static ConnectionFactory factory() {
    var factory = new ConnectionFactory();
    factory.setHost(services.rabbitHost());
    factory.setPort(services.rabbitPort());
    factory.setUsername(services.rabbitUsername());
    factory.setPassword(services.rabbitPassword());
    factory.setAutomaticRecoveryEnabled(false);
    return factory;
  }

  /** The broker's connections, one a line: pid, then client properties with the name in them. */
  private static String connectionListing() {
    return Rabbitmqctl.run("list_connections", "-q", "pid", "client_properties");
  }

  /** Has the broker close the connection of that name, as it does on an operator's command. */
  private static void closeConnection(String name) {
    String listing = connectionListing();
    String pid =
        listing
            .lines()
            .filter(line -> line.contains("\"" + name + "\""))
            .map(line -> line.substring(0, line.indexOf('\t')))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no connection " + name + " in " + listing));
    Rabbitmqctl.run("close_connection", pid, "closed by ConfirmingPublisherIT");
  }
}
