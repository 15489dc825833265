package dev.sluice.worker.events;

import org.jspecify.annotations.Nullable;

/** The broker did not confirm an event. */
public class EventNotPublishedException extends RuntimeException {

  public EventNotPublishedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
