package dev.sluice.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Why Sluice exists: the same burst of {@code -Dusers=600} orders within {@code -Dseconds=5}, once
 * straight at a slow backend and once through Sluice's {@code http} handler, one after the other.
 * The backend is the stack's WireMock ({@code -DupstreamUrl}, default http://127.0.0.1:8085): 10
 * threads, 200 ms per order, so about 50 orders a second. A client waits at most {@code
 * -DtimeoutSeconds=5} for the backend, as a real one would; through Sluice it gets its ticket at
 * once and the job waits in the queue instead, calling the backend at most 4 at a time (the 'demo'
 * upstream's limit for the whole pool).
 *
 * <p>The report shows "direct order" (errors and timeouts as the backend drowns) next to "queued
 * order" (accepted at once) and the group "queued end-to-end" (until the result was there).
 */
public class DirectVsQueued extends Simulation {

  private static final String UPSTREAM = System.getProperty("upstreamUrl", "http://127.0.0.1:8085");
  private static final String ORDER = "{\"item\":42,\"quantity\":1}";

  private final ScenarioBuilder direct =
      scenario("direct")
          .exec(
              http("direct order")
                  .post(UPSTREAM + "/orders")
                  .body(StringBody(ORDER))
                  .requestTimeout(Target.seconds("timeoutSeconds", 5))
                  .check(status().is(200)));

  private final ScenarioBuilder queued =
      scenario("queued")
          .group("queued end-to-end")
          .on(
              exec(Requests.submit(
                      "queued order",
                      "{\"type\":\"http\",\"payload\":{\"upstream\":\"demo\",\"method\":\"POST\","
                          + "\"path\":\"/orders\",\"body\":"
                          + ORDER
                          + "}}"))
                  .exec(Requests.awaitFinal("poll until final"))
                  .exec(Requests.expectSucceeded()));

  {
    int users = Target.intProperty("users", 600);
    Duration spread = Duration.ofSeconds(Target.intProperty("seconds", 5));
    setUp(
            direct
                .injectOpen(rampUsers(users).during(spread))
                .andThen(queued.injectOpen(rampUsers(users).during(spread))))
        .protocols(Target.sluice());
  }
}
