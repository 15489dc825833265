package dev.sluice.ingress.problems;

import org.jspecify.annotations.Nullable;

/**
 * Sluice cannot take the request right now (queue full, broker or store down); the client should
 * try again after the Retry-After the answer carries.
 */
public class ServiceUnavailableException extends SluiceException {

  public ServiceUnavailableException(ProblemType type, String detail, @Nullable Throwable cause) {
    super(type, detail, cause);
  }
}
