package dev.sluice.worker.processing;

import dev.sluice.worker.handlers.JobHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The handlers of this worker, by job type. */
@Component
class HandlerRegistry {

  private final Map<String, JobHandler> byType;

  HandlerRegistry(List<JobHandler> handlers) {
    this.byType =
        handlers.stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    JobHandler::type,
                    Function.identity(),
                    (a, b) -> {
                      throw new IllegalStateException(
                          "two handlers for type " + a.type() + ": " + a + ", " + b);
                    }));
  }

  Optional<JobHandler> forType(String type) {
    return Optional.ofNullable(byType.get(type));
  }
}
