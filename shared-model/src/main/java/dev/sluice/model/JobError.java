package dev.sluice.model;

/**
 * Why an attempt or a job failed.
 *
 * @param code stable, machine-readable reason such as {@code handler-error} or {@code unknown-type}
 * @param message human-readable detail
 */
public record JobError(String code, String message) {

  public static final String HANDLER_ERROR = "handler-error";
  public static final String UNKNOWN_TYPE = "unknown-type";
  public static final String INVALID_PAYLOAD = "invalid-payload";
  public static final String TIMEOUT = "timeout";
  public static final String POISON = "poison";
  public static final String UNREADABLE = "unreadable";
}
