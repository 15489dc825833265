package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.store.RedisCalls.script;

import dev.sluice.ingress.problems.ServiceUnavailableException;
import dev.sluice.ingress.store.ScriptRunner;
import dev.sluice.model.Namespace;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Whether the job behind an idempotency key was published. A submit stores its ticket and claims
 * its key in one step, then publishes; if it never gets to say it published (its ingress dies, or
 * Redis ran the write but its answer was lost and the client got 503), a repeat of the request must
 * not answer with a ticket whose job nobody will ever run.
 */
@Component
public class IdempotencyClaims {

  /** What a repeat of the request does about the earlier submit's job. */
  public enum Settlement {
    /** The job was published: answer with the ticket. */
    QUEUED,
    /** The earlier submit may still publish it: ask again shortly. */
    PENDING,
    /** The earlier submit was abandoned: the caller publishes the job now. */
    TAKEN,
    /** The key or its ticket went meanwhile. */
    GONE
  }

  private static final Logger log = LoggerFactory.getLogger(IdempotencyClaims.class);
  private static final RedisScript<String> SETTLE = script("redis/settle-claim.lua", String.class);
  private static final RedisScript<String> MARK_QUEUED =
      script("redis/claim-queued.lua", String.class);

  private final ScriptRunner scripts;
  private final Namespace namespace;

  IdempotencyClaims(ScriptRunner scripts, Namespace namespace) {
    this.scripts = scripts;
    this.namespace = namespace;
  }

  /**
   * Records that the job of the claim's ticket is published, if Redis answers: if it does not, the
   * job is published all the same, and a repeat of the request after the longest a submit takes
   * publishes it once more (at least once).
   */
  public void markQueued(String clientId, IdempotencyClaim claim, String ticketId) {
    try {
      scripts.value(
          MARK_QUEUED,
          List.of(claim.storeKey(namespace, clientId)),
          List.of(claim.queuedRecord(ticketId)));
    } catch (ServiceUnavailableException e) {
      log.warn("Could not record that the job of ticket {} is published", ticketId, e);
    }
  }

  /**
   * Settles a claim that is not known to be published, for a repeat of its request.
   *
   * @param abandonedAfter how long a submit can take from storing its ticket to recording that it
   *     published; a claim unsettled for longer is taken over
   * @throws dev.sluice.ingress.problems.ServiceUnavailableException if Redis does not answer
   */
  public Settlement settle(
      String clientId, IdempotencyClaim claim, String ticketId, Duration abandonedAfter) {
    // Redis counts whole seconds from the second the submit started: one more keeps it on the safe
    // side
    String verdict =
        scripts.value(
            SETTLE,
            List.of(claim.storeKey(namespace, clientId), namespace.ticketKey(ticketId)),
            List.of(ticketId, Long.toString(abandonedAfter.toSeconds() + 1)));
    return Settlement.valueOf(Objects.requireNonNull(verdict).toUpperCase(Locale.ROOT));
  }
}
