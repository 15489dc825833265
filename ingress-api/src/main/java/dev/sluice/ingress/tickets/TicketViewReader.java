package dev.sluice.ingress.tickets;

import static dev.sluice.ingress.tickets.TicketFields.*;

import dev.sluice.model.JobError;
import dev.sluice.model.TicketStatus;
import dev.sluice.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Turns a ticket's Redis hash into the view clients get. */
final class TicketViewReader {

  private final WireCodec codec;

  TicketViewReader(WireCodec codec) {
    this.codec = codec;
  }

  TicketView read(Map<Object, Object> hash) {
    TicketStatus status = TicketStatus.valueOf(text(hash, STATUS));
    String result = optional(hash, RESULT);
    String errorCode = optional(hash, ERROR_CODE);
    boolean showsError = status == TicketStatus.FAILED || status == TicketStatus.RETRYING;
    return new TicketView(
        text(hash, ID),
        text(hash, TYPE),
        status,
        Integer.parseInt(text(hash, ATTEMPTS)),
        Instant.parse(text(hash, CREATED_AT)),
        instant(hash, STARTED_AT),
        instant(hash, COMPLETED_AT),
        optional(hash, WORKER_ID),
        status == TicketStatus.SUCCEEDED && result != null ? json(result) : null,
        showsError && errorCode != null
            ? new JobError(errorCode, String.valueOf(optional(hash, ERROR_MESSAGE)))
            : null,
        callback(hash),
        hash.containsKey(CLIENT_ID) ? text(hash, CLIENT_ID) : TicketStore.ANONYMOUS);
  }

  private static @Nullable CallbackView callback(Map<Object, Object> hash) {
    String url = optional(hash, CALLBACK_URL);
    if (url == null) {
      return null;
    }
    String code = optional(hash, CALLBACK_STATUS_CODE);
    return new CallbackView(
        url,
        CallbackView.Status.valueOf(text(hash, CALLBACK_STATUS)),
        Integer.parseInt(text(hash, CALLBACK_ATTEMPTS)),
        code == null ? null : Integer.valueOf(code),
        optional(hash, CALLBACK_ERROR));
  }

  private JsonNode json(String text) {
    return codec.decode(text.getBytes(StandardCharsets.UTF_8), JsonNode.class);
  }

  private static String text(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    if (value == null) {
      throw new IllegalStateException("ticket hash lacks field " + field);
    }
    return value.toString();
  }

  private static @Nullable String optional(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? null : value.toString();
  }

  private static @Nullable Instant instant(Map<Object, Object> hash, String field) {
    String value = optional(hash, field);
    return value == null ? null : Instant.parse(value);
  }
}
