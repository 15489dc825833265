package dev.sluice.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.Set;

/** The calls the simulations are made of. */
final class Requests {

  private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  private Requests() {}

  /** Submits a job and keeps its ticket's URL as {@code ticket}; only 202 counts as success. */
  static ChainBuilder submit(String name, String json) {
    return exec(
        http(name)
            .post("/v1/requests")
            .body(StringBody(json))
            .check(status().is(202), header("Location").saveAs("ticket")));
  }

  /**
   * Submits a job, accepting a polite refusal too: 202 with a ticket, or 503 with {@code
   * Retry-After}. Anything else, or no answer in time, is a failure.
   */
  static ChainBuilder submitOrRefused(String name, String json) {
    return exec(
        http(name)
            .post("/v1/requests")
            .body(StringBody(json))
            .check(
                status().in(202, 503).saveAs("status"),
                header("Location").optional().saveAs("ticket"),
                header("Retry-After").optional().saveAs("retryAfter"))
            .checkIf((response, session) -> response.status().code() == 503)
            .then(header("Retry-After").exists()));
  }

  /**
   * Long-polls the ticket in {@code ticket} until it is final; keeps its status in {@code final}. A
   * poll that comes back before the ticket is final (its wait ran out, or the ingress had too many
   * long polls waiting and answered at once) is repeated after its {@code Retry-After}.
   */
  static ChainBuilder awaitFinal(String name) {
    return exec(session -> session.set("final", ""))
        .asLongAs(session -> !FINAL.contains(session.getString("final")))
        .on(
            exec(http(name)
                    .get(session -> session.getString("ticket") + "?wait=30")
                    .check(
                        status().is(200),
                        jsonPath("$.status").saveAs("final"),
                        header("Retry-After").optional().saveAs("pollAgainAfter")))
                .doIf(session -> !FINAL.contains(session.getString("final")))
                .then(
                    pause(
                        session ->
                            Duration.ofSeconds(
                                Long.parseLong(session.getString("pollAgainAfter"))))));
  }

  /** Fails the virtual user unless its job SUCCEEDED. */
  static ChainBuilder expectSucceeded() {
    return exec(
        session ->
            "SUCCEEDED".equals(session.getString("final")) ? session : session.markAsFailed());
  }
}
