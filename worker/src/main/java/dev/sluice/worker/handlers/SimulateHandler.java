package dev.sluice.worker.handlers;

import dev.sluice.model.JobError;
import dev.sluice.worker.config.WorkerProperties;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code simulate}: stands in for real work in demos, load tests and failure tests. Payload {@code
 * {"sleepMs": n, "cpuMs": n, "failAttempts": k, "crash": false}} (all optional): sleeps, burns CPU,
 * fails its first k attempts, and with {@code crash} halts the worker process (only where {@code
 * sluice.worker.simulate.allow-crash} is set).
 */
@Component
class SimulateHandler implements JobHandler {

  private final boolean crashAllowed;

  @Autowired
  SimulateHandler(WorkerProperties properties) {
    this(properties.simulate().allowCrash());
  }

  SimulateHandler(boolean crashAllowed) {
    this.crashAllowed = crashAllowed;
  }

  /** One hour: a bound so that a typo cannot park a consumer for days. */
  private static final long MAX_MILLIS = TimeUnit.HOURS.toMillis(1);

  @Override
  public String type() {
    return "simulate";
  }

  @Override
  public JsonNode handle(JobContext context, JsonNode payload) throws InterruptedException {
    long sleepMs = millis(payload, "sleepMs");
    long cpuMs = millis(payload, "cpuMs");
    long failAttempts = millis(payload, "failAttempts");
    if (payload.path("crash").asBoolean(false)) {
      crash();
    }
    if (sleepMs > 0) {
      Thread.sleep(sleepMs);
    }
    burnCpu(cpuMs);
    if (context.attempt() <= failAttempts) {
      throw JobFailedException.retryable(
          JobError.HANDLER_ERROR, "simulated failure of attempt " + context.attempt());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("attempt", context.attempt());
    result.put("workerId", context.workerId());
    result.put("sleptMs", sleepMs);
    result.put("cpuMs", cpuMs);
    return result;
  }

  private static long millis(JsonNode payload, String field) {
    JsonNode value = payload.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber()) {
      throw invalid(field + " must be a whole number");
    }
    long n = value.asLong();
    if (n < 0 || n > MAX_MILLIS) {
      throw invalid(field + " must be between 0 and " + MAX_MILLIS);
    }
    return n;
  }

  /**
   * Keeps a core busy for {@code cpuMs} of wall time. Handlers run on virtual threads, which report
   * no CPU time of their own, so wall time is the measure; on a loaded machine it burns less.
   */
  private static void burnCpu(long cpuMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cpuMs);
    long sink = 0;
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 1_000; i++) {
        sink += i * 31L ^ sink;
      }
    }
    if (sink == 42) {
      Thread.onSpinWait(); // uses the result, so the loop is not optimised away
    }
  }

  private void crash() {
    if (!crashAllowed) {
      throw invalid("crash is not allowed on this worker (sluice.worker.simulate.allow-crash)");
    }
    Runtime.getRuntime().halt(137); // as abrupt as a kill -9: no shutdown hooks, no acks
  }

  private static JobFailedException invalid(String message) {
    return JobFailedException.permanent(JobError.INVALID_PAYLOAD, message);
  }
}
