package dev.sluice.worker.handlers;

/**
 * A handler's own failure, with the error code the ticket will show. A permanent failure is not
 * retried: use it when another attempt cannot succeed (a bad payload, say).
 */
public class JobFailedException extends RuntimeException {

  private final String code;
  private final boolean permanent;

  private JobFailedException(String code, String message, boolean permanent) {
    super(message);
    this.code = code;
    this.permanent = permanent;
  }

  /** A failure that another attempt may not have. */
  public static JobFailedException retryable(String code, String message) {
    return new JobFailedException(code, message, false);
  }

  /** A failure that no further attempt can mend: the ticket becomes FAILED at once. */
  public static JobFailedException permanent(String code, String message) {
    return new JobFailedException(code, message, true);
  }

  public String code() {
    return code;
  }

  public boolean permanent() {
    return permanent;
  }
}
