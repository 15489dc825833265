package dev.sluice.model;

import org.jspecify.annotations.Nullable;

/** A message body that is not a valid Sluice message; retrying it can never help. */
public class UnreadableMessageException extends RuntimeException {

  public UnreadableMessageException(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
