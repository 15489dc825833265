package dev.sluice.worker.events;

import org.jspecify.annotations.Nullable;

/** The broker did not confirm a message. */
public class NotPublishedException extends RuntimeException {

  public NotPublishedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
