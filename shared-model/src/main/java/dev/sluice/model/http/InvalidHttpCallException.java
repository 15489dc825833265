package dev.sluice.model.http;

/** An {@code http} job payload that breaks one of {@link HttpCall}'s rules. */
public class InvalidHttpCallException extends IllegalArgumentException {

  public InvalidHttpCallException(String message) {
    super(message);
  }
}
