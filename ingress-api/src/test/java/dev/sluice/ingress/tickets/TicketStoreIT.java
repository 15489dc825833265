package dev.sluice.ingress.tickets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.ingress.IngressTestSetup;
import dev.sluice.model.Attempt;
import dev.sluice.model.JobError;
import dev.sluice.model.JobEvent;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Namespace;
import dev.sluice.model.TicketStatus;
import dev.sluice.testing.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.node.JsonNodeFactory;

/** Ticket updates in a real Redis only ever move forward. */
@DirtiesContext
@SpringBootTest
class TicketStoreIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("tickets");
  private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    IngressTestSetup.register(registry, NAMESPACE);
  }

  @AfterAll
  static void cleanUp(@Autowired RabbitListenerEndpointRegistry listeners) {
    IngressTestSetup.deleteNamespace(listeners, NAMESPACE);
  }

  @Autowired TicketStore store;
  @Autowired TicketMoves moves;
  @Autowired CallbackRecords callbacks;
  @Autowired StringRedisTemplate redis;

  @Test
  void runningThenSucceededShowsResultAndTimes() {
    String id = newTicket();

    Attempt first = attempt(id, 1, "w1", T0.plusSeconds(1));

    assertThat(store.apply(JobEvent.started(first)).outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(store.apply(JobEvent.succeeded(first, T0.plusSeconds(2), result("done"))).outcome())
        .isEqualTo(UpdateOutcome.APPLIED);

    TicketView ticket = store.find(id).orElseThrow();
    assertThat(ticket.status()).isEqualTo(TicketStatus.SUCCEEDED);
    assertThat(ticket.attempts()).isEqualTo(1);
    assertThat(ticket.workerId()).isEqualTo("w1");
    assertThat(ticket.startedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(ticket.completedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(ticket.result().path("value").asString()).isEqualTo("done");
    assertThat(ticket.error()).isNull();
  }

  @Test
  void staleRunningEventNeverOverwritesSuccess() {
    String id = newTicket();
    store.apply(JobEvent.succeeded(attempt(id, 1, "w1", T0), T0, result("done")));

    assertThat(store.apply(JobEvent.started(attempt(id, 1, "w2", T0))).outcome())
        .isEqualTo(UpdateOutcome.STALE);
    assertThat(store.apply(JobEvent.started(attempt(id, 2, "w2", T0))).outcome())
        .isEqualTo(UpdateOutcome.STALE);

    TicketView ticket = store.find(id).orElseThrow();
    assertThat(ticket.status()).isEqualTo(TicketStatus.SUCCEEDED);
    assertThat(ticket.workerId()).isEqualTo("w1");
  }

  @Test
  void duplicateResultIsIgnored() {
    String id = newTicket();
    store.apply(JobEvent.succeeded(attempt(id, 1, "w1", T0), T0, result("first")));

    assertThat(
            store
                .apply(JobEvent.succeeded(attempt(id, 2, "w2", T0), T0, result("second")))
                .outcome())
        .isEqualTo(UpdateOutcome.STALE);
    assertThat(
            store
                .apply(JobEvent.failed(attempt(id, 1, "w2", T0), T0, new JobError("x", "y")))
                .outcome())
        .isEqualTo(UpdateOutcome.STALE);

    assertThat(store.find(id).orElseThrow().result().path("value").asString()).isEqualTo("first");
  }

  @Test
  void runningOfAnOlderAttemptIsIgnored() {
    String id = newTicket();
    store.apply(JobEvent.started(attempt(id, 2, "w2", T0.plusSeconds(5))));

    assertThat(store.apply(JobEvent.started(attempt(id, 1, "w1", T0))).outcome())
        .isEqualTo(UpdateOutcome.STALE);

    TicketView ticket = store.find(id).orElseThrow();
    assertThat(ticket.attempts()).isEqualTo(2);
    assertThat(ticket.workerId()).isEqualTo("w2");
  }

  @Test
  void resultMayArriveBeforeItsRunningEvent() {
    String id = newTicket();

    assertThat(
            store
                .apply(
                    JobEvent.failed(attempt(id, 1, "w1", T0), T0, new JobError("boom", "it broke")))
                .outcome())
        .isEqualTo(UpdateOutcome.APPLIED);
    assertThat(store.apply(JobEvent.started(attempt(id, 1, "w1", T0))).outcome())
        .isEqualTo(UpdateOutcome.STALE);

    TicketView ticket = store.find(id).orElseThrow();
    assertThat(ticket.status()).isEqualTo(TicketStatus.FAILED);
    assertThat(ticket.error()).isEqualTo(new JobError("boom", "it broke"));
    assertThat(ticket.startedAt()).as("start comes with the result too").isEqualTo(T0);
  }

  @Test
  void eventForUnknownTicketChangesNothing() {
    String id = TicketIds.next();

    assertThat(store.apply(JobEvent.started(attempt(id, 1, "w1", T0))).outcome())
        .isEqualTo(UpdateOutcome.MISSING);
    assertThat(store.find(id)).isEmpty();
  }

  @Test
  void ticketsExpire() {
    String id = TicketIds.next();
    store.create(
        new NewTicket(job(id), TicketStore.ANONYMOUS, null, Duration.ofMillis(200), null, null));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> store.find(id).isEmpty());
  }

  @Test
  void poisonedTicketFailsUnlessAlreadyFinal() {
    String running = newTicket();
    store.apply(JobEvent.started(attempt(running, 2, "w1", T0)));
    String done = newTicket();
    store.apply(JobEvent.succeeded(attempt(done, 1, "w1", T0), T0, result("ok")));

    assertThat(moves.fail(running, new JobError("poison", "kept dying"), T0)).isTrue();
    assertThat(moves.fail(done, new JobError("poison", "kept dying"), T0)).isFalse();

    assertThat(store.find(running).orElseThrow().status()).isEqualTo(TicketStatus.FAILED);
    assertThat(store.find(running).orElseThrow().error().code()).isEqualTo("poison");
    assertThat(store.find(done).orElseThrow().status()).isEqualTo(TicketStatus.SUCCEEDED);
  }

  @Test
  void requeuedTicketIgnoresEventsOfEarlierAttempts() {
    String id = newTicket();
    store.apply(JobEvent.failed(attempt(id, 3, "w1", T0), T0, new JobError("x", "y")));

    assertThat(moves.requeue(id, 3)).isTrue();
    assertThat(store.apply(JobEvent.started(attempt(id, 3, "w1", T0))).outcome())
        .isEqualTo(UpdateOutcome.STALE);
    assertThat(store.apply(JobEvent.started(attempt(id, 4, "w2", T0))).outcome())
        .isEqualTo(UpdateOutcome.APPLIED);

    TicketView ticket = store.find(id).orElseThrow();
    assertThat(ticket.status()).isEqualTo(TicketStatus.RUNNING);
    assertThat(ticket.attempts()).isEqualTo(4);
    assertThat(ticket.completedAt()).isNull();
  }

  @Test
  void onlyFailedTicketsAreRequeued() {
    String id = newTicket();

    assertThat(moves.requeue(id, 0)).isFalse();
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(TicketStatus.QUEUED);
  }

  @Test
  void restoringPutsBackTheFailure() {
    String id = newTicket();
    store.apply(JobEvent.failed(attempt(id, 2, "w1", T0), T0, new JobError("boom", "it broke")));
    TicketView failed = store.find(id).orElseThrow();
    moves.requeue(id, 2);

    moves.restoreFailed(failed);

    assertThat(store.find(id).orElseThrow()).isEqualTo(failed);
  }

  @Test
  void finalEventsAnnounceOnlyWatchedTicketsAndTellWhetherTheWebhookIsStillToBeQueued() {
    var announced = new LinkedBlockingQueue<String>();
    RedisConnection subscriber = redis.getRequiredConnectionFactory().getConnection();
    subscriber.subscribe(
        (message, pattern) -> announced.add(new String(message.getBody(), UTF_8)),
        new Namespace(NAMESPACE.value()).finalChannel().getBytes(UTF_8));
    try {
      String withWebhook = newTicket("https://example.com/hook");
      String unwatched = newTicket(null);
      String watchedLast = newTicket(null);
      store.watch(withWebhook, TicketStore.ANONYMOUS);
      store.watch(watchedLast, TicketStore.ANONYMOUS);
      Attempt attempt = attempt(withWebhook, 1, "w1", T0);

      assertThat(store.apply(JobEvent.started(attempt)))
          .isEqualTo(new AppliedEvent(UpdateOutcome.APPLIED, false));
      assertThat(store.apply(JobEvent.succeeded(attempt, T0, result("done"))))
          .isEqualTo(new AppliedEvent(UpdateOutcome.APPLIED, true));
      // a duplicate is announced again, and its webhook is due until it is queued
      assertThat(store.apply(JobEvent.succeeded(attempt, T0, result("done"))))
          .isEqualTo(new AppliedEvent(UpdateOutcome.STALE, true));
      callbacks.markCallbackQueued(withWebhook);
      assertThat(store.apply(JobEvent.succeeded(attempt, T0, result("done"))))
          .isEqualTo(new AppliedEvent(UpdateOutcome.STALE, false));
      assertThat(
              store.apply(
                  JobEvent.failed(attempt(unwatched, 1, "w1", T0), T0, new JobError("x", "y"))))
          .isEqualTo(new AppliedEvent(UpdateOutcome.APPLIED, false));
      store.apply(JobEvent.failed(attempt(watchedLast, 1, "w1", T0), T0, new JobError("x", "y")));

      // one subscription receives in order: had the unwatched ticket been announced, it would
      // stand before the last one
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(List.copyOf(announced))
                      .containsExactly(withWebhook, withWebhook, withWebhook, watchedLast));
    } finally {
      subscriber.close();
    }
  }

  @Test
  void onlyItsOwnerMarksATicketWatched() {
    String id = newTicket();
    String key = new Namespace(NAMESPACE.value()).ticketKey(id);

    assertThat(store.watch(id, "someone-else")).contains(store.find(id).orElseThrow());
    assertThat(redis.opsForHash().hasKey(key, "watched")).isFalse();

    assertThat(store.watch(id, TicketStore.ANONYMOUS)).contains(store.find(id).orElseThrow());
    assertThat(redis.opsForHash().hasKey(key, "watched")).isTrue();
  }

  @Test
  void watchingAnUnknownTicketWritesNothing() {
    String id = TicketIds.next();

    assertThat(store.watch(id, TicketStore.ANONYMOUS)).isEmpty();
    assertThat(redis.hasKey(new Namespace(NAMESPACE.value()).ticketKey(id))).isFalse();
  }

  private String newTicket() {
    return newTicket(null);
  }

  private String newTicket(@Nullable String callbackUrl) {
    String id = TicketIds.next();
    store.create(
        new NewTicket(
            job(id), TicketStore.ANONYMOUS, callbackUrl, Duration.ofHours(1), null, null));
    return id;
  }

  private static JobRequest job(String id) {
    return JobRequest.accepted(id, "echo", JsonNodeFactory.instance.objectNode(), T0, 5, 1_000);
  }

  private static Attempt attempt(String id, int number, String workerId, Instant startedAt) {
    return new Attempt(id, number, workerId, startedAt);
  }

  private static tools.jackson.databind.JsonNode result(String value) {
    return JsonNodeFactory.instance.objectNode().put("value", value);
  }
}
