package dev.sluice.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Submit, then long-poll until final: {@code -Drate=200} jobs per second of {@code -DsleepMs=10}
 * for {@code -Dduration=60} seconds. The group "end-to-end" in the report is the time from submit
 * to the answer that showed the job SUCCEEDED.
 */
public class EndToEnd extends Simulation {

  private final ScenarioBuilder jobs =
      scenario("end to end")
          .group("end-to-end")
          .on(
              Requests.submit(
                      "submit",
                      "{\"type\":\"simulate\",\"payload\":{\"sleepMs\":"
                          + Target.intProperty("sleepMs", 10)
                          + "}}")
                  .exec(Requests.awaitFinal("poll until final"))
                  .exec(Requests.expectSucceeded()));

  {
    setUp(
            jobs.injectOpen(
                constantUsersPerSec(Target.intProperty("rate", 200))
                    .during(Target.seconds("duration", 60))))
        .protocols(Target.sluice())
        .assertions(global().failedRequests().percent().lt(1.0));
  }
}
