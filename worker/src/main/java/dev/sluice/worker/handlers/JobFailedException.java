package dev.sluice.worker.handlers;

/** A handler's own failure, with the error code the ticket will show. */
public class JobFailedException extends RuntimeException {

  private final String code;

  public JobFailedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
