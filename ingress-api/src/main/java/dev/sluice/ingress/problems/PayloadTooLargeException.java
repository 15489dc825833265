package dev.sluice.ingress.problems;

/** The request body is over {@code sluice.ingress.max-body-size}. */
public class PayloadTooLargeException extends SluiceException {

  public PayloadTooLargeException(long limitBytes) {
    super(ProblemType.PAYLOAD_TOO_LARGE, "Request body is larger than " + limitBytes + " bytes.");
  }
}
