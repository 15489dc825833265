package dev.sluice.ingress.deadletters;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sluice.model.JobError;
import dev.sluice.model.JobRequest;
import dev.sluice.model.Topology;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job that ended in the dead queue, as operators see it.
 *
 * @param id the ticket id (or a generated one for an unreadable message)
 * @param type the job type ({@code unknown} when unreadable)
 * @param reason {@code exhausted} (attempts used up), {@code poison} (kept killing workers), {@code
 *     unreadable}, or the broker's own reason
 * @param attempts attempts made, as far as known
 * @param deadAt when it was archived
 * @param error the last error
 * @param job the job itself, to run again; null when unreadable
 */
public record DeadLetter(
    String id,
    String type,
    String reason,
    int attempts,
    Instant deadAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JobError error,
    @JsonIgnore @Nullable JobRequest job) {

  public static final String EXHAUSTED = Topology.DEAD_REASON_EXHAUSTED;
  public static final String POISON = "poison";
  public static final String UNREADABLE = "unreadable";
}
