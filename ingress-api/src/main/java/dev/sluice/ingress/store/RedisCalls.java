package dev.sluice.ingress.store;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.ServiceUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.script.RedisScript;

/** Helpers for talking to Redis the same way from every store. */
public final class RedisCalls {

  private RedisCalls() {}

  /** Runs a Redis call, turning Redis being unreachable or failing into the 503 the API answers. */
  public static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (DataAccessException e) {
      throw unavailable(e);
    }
  }

  /** The 503 the API answers when Redis is unreachable, does not answer in time, or fails. */
  static ServiceUnavailableException unavailable(Throwable cause) {
    return new ServiceUnavailableException(
        ProblemType.STORE_UNAVAILABLE, "The ticket store did not answer; try again later.", cause);
  }

  /**
   * Loads a Lua script's text once. A script built on a Resource re-checks the resource for changes
   * on every call, which inside a packaged jar costs more than the Redis round trip itself.
   */
  public static <T> RedisScript<T> script(String path, Class<T> resultType) {
    try {
      String text = new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
      return RedisScript.of(text, resultType);
    } catch (IOException e) {
      throw new UncheckedIOException("missing Redis script " + path, e);
    }
  }
}
