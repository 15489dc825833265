package dev.sluice.load;

import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A spike many times what the workers can do: {@code -Dusers=5000} submits within {@code
 * -Dseconds=5} of jobs that take {@code -DsleepMs=100} each. Every submit must be accepted (202) or
 * refused politely (503 with Retry-After), none may time out, and every accepted job must then
 * finish: the backlog drains. Run it with a small {@code sluice.queue.max-length} to see refusals.
 */
public class Burst extends Simulation {

  private final ScenarioBuilder burst =
      scenario("burst")
          .exec(
              Requests.submitOrRefused(
                  "submit",
                  "{\"type\":\"simulate\",\"payload\":{\"sleepMs\":"
                      + Target.intProperty("sleepMs", 100)
                      + "}}"))
          .exec(
              doIf(session -> session.getInt("status") == 202)
                  .then(Requests.awaitFinal("drain").exec(Requests.expectSucceeded())));

  {
    setUp(
            burst.injectOpen(
                rampUsers(Target.intProperty("users", 5000))
                    .during(Duration.ofSeconds(Target.intProperty("seconds", 5)))))
        .protocols(Target.sluice())
        .assertions(global().failedRequests().count().is(0L));
  }
}
