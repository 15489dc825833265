package dev.sluice.ingress.problems;

import org.jspecify.annotations.Nullable;

/** Root of the ingress's own errors; each carries the problem type it is answered with. */
public class SluiceException extends RuntimeException {

  private final ProblemType type;

  public SluiceException(ProblemType type, String detail) {
    this(type, detail, null);
  }

  public SluiceException(ProblemType type, String detail, @Nullable Throwable cause) {
    super(detail, cause);
    this.type = type;
  }

  public ProblemType type() {
    return type;
  }
}
