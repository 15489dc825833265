package dev.sluice.ingress.problems;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every kind of error the API answers with. The {@link #uri()} is the problem's stable {@code
 * type}: clients may branch on it; titles and details are for people and may change.
 */
public enum ProblemType {
  INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "The request is not valid"),
  UNKNOWN_JOB_TYPE("unknown-job-type", HttpStatus.BAD_REQUEST, "Unknown job type"),
  INVALID_PAYLOAD(
      "invalid-payload", HttpStatus.BAD_REQUEST, "The payload is not valid for its type"),
  UNKNOWN_UPSTREAM("unknown-upstream", HttpStatus.BAD_REQUEST, "Unknown upstream"),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
  TOO_MANY_PENDING(
      "too-many-pending", HttpStatus.TOO_MANY_REQUESTS, "Too many requests not done yet"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  IDEMPOTENCY_KEY_REUSED(
      "idempotency-key-reused",
      HttpStatus.UNPROCESSABLE_CONTENT,
      "Idempotency key used with a different request"),
  IDEMPOTENCY_CONFLICT(
      "idempotency-conflict", HttpStatus.CONFLICT, "Request with this idempotency key unsettled"),
  ALREADY_FINAL("already-final", HttpStatus.CONFLICT, "The request is already done"),
  NOT_REDELIVERABLE("not-redeliverable", HttpStatus.CONFLICT, "The webhook cannot be sent again"),
  DEAD_LETTER_NOT_RETRYABLE(
      "dead-letter-not-retryable", HttpStatus.CONFLICT, "Dead letter cannot be retried"),
  PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  QUEUE_FULL("queue-full", HttpStatus.SERVICE_UNAVAILABLE, "Sluice is at capacity"),
  BUSY("busy", HttpStatus.SERVICE_UNAVAILABLE, "Too many requests in progress"),
  BROKER_UNAVAILABLE(
      "broker-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The message broker is unavailable"),
  STORE_UNAVAILABLE(
      "store-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The ticket store is unavailable"),
  INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private static final String BASE = "https://sluice.dev/problems/";

  private final String slug;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /**
   * A problem document of this type; Spring MVC sets its {@code instance} to the request's path.
   */
  public ProblemDetail problem(@Nullable String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(uri());
    problem.setTitle(title);
    return problem;
  }

  /** The type Sluice uses for an error that Spring raised with this status. */
  static ProblemType forStatus(int status) {
    return switch (status) {
      case 400 -> INVALID_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 503 -> BROKER_UNAVAILABLE;
      default -> INTERNAL;
    };
  }
}
