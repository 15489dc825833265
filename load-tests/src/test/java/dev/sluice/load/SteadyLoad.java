package dev.sluice.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * A constant arrival rate of submits: {@code -Drate=500} per second for {@code -Dduration=60}
 * seconds, each a small {@code echo} job. Fails if more than 1 % are not accepted.
 */
public class SteadyLoad extends Simulation {

  private final ScenarioBuilder submits =
      scenario("steady submits")
          .exec(Requests.submit("submit", "{\"type\":\"echo\",\"payload\":{\"n\":1}}"));

  {
    setUp(
            submits.injectOpen(
                constantUsersPerSec(Target.intProperty("rate", 500))
                    .during(Target.seconds("duration", 60))))
        .protocols(Target.sluice())
        .assertions(global().failedRequests().percent().lt(1.0));
  }
}
