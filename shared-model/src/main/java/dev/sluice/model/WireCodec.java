package dev.sluice.model;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns messages into bytes and back, the same way on both sides of the broker.
 *
 * <p>Unknown fields are ignored when reading, so that a newer ingress and an older worker (or the
 * other way round) can run side by side during a rolling upgrade.
 */
public final class WireCodec {

  public static final String CONTENT_TYPE = "application/json";

  private final JsonMapper mapper;

  public WireCodec() {
    this.mapper =
        JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
  }

  public byte[] encode(Object message) {
    return mapper.writeValueAsBytes(message);
  }

  /**
   * Reads a message.
   *
   * @throws UnreadableMessageException if the bytes are not a valid message of that type
   */
  public <T> T decode(byte[] body, Class<T> type) {
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw new UnreadableMessageException("empty message", null);
      }
      return value;
    } catch (JacksonException e) {
      throw new UnreadableMessageException(e.getOriginalMessage(), e);
    }
  }
}
