package dev.sluice.ingress.problems;

/** A client is over one of its limits; it may try again after {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends SluiceException {

  private final long retryAfterSeconds;

  public TooManyRequestsException(ProblemType type, String detail, long retryAfterSeconds) {
    super(type, detail);
    this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
