package dev.sluice.ingress.problems;

import dev.sluice.ingress.config.IngressProperties;
import io.github.bucket4j.TimeMeter;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The one place where exceptions become {@code application/problem+json} answers. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final String retryAfterSeconds;
  private final OutageLog outages = new OutageLog(TimeMeter.SYSTEM_NANOTIME);

  ApiExceptionHandler(IngressProperties properties) {
    this.retryAfterSeconds = properties.unavailableRetryAfterHeader();
  }

  @ExceptionHandler(SluiceException.class)
  ResponseEntity<ProblemDetail> handleSluice(SluiceException e) {
    // A full queue is the designed refusal, like busy: counted (sluice.requests.rejected), not
    // logged, or a long overload would log a stack trace per refused submit. Outages are logged,
    // sparingly.
    if (e instanceof ServiceUnavailableException && e.type() != ProblemType.QUEUE_FULL) {
      outages.warn(e);
    }
    ResponseEntity<ProblemDetail> answer = answer(e.type(), e.getMessage());
    if (e instanceof TooManyRequestsException limited) {
      return ResponseEntity.status(answer.getStatusCode())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
          .body(answer.getBody());
    }
    if (e.type() == ProblemType.UNAUTHORIZED) {
      return ResponseEntity.status(answer.getStatusCode())
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sluice\"")
          .body(answer.getBody());
    }
    return answer;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
    log.error("Unexpected error", e);
    return answer(ProblemType.INTERNAL, "Something went wrong on our side.");
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    PayloadTooLargeException tooLarge = causeOfType(e, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return asObject(answer(tooLarge.type(), tooLarge.getMessage()));
    }
    return asObject(answer(ProblemType.INVALID_REQUEST, readableReason(e)));
  }

  /** Spring's own errors (415, 405, 404 on unknown paths, ...) get Sluice's problem types. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response =
        super.handleExceptionInternal(e, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem) {
      ProblemType type = ProblemType.forStatus(statusCode.value());
      problem.setType(type.uri());
      problem.setTitle(type.title());
    }
    return response == null ? ResponseEntity.status(statusCode).build() : response;
  }

  private ResponseEntity<ProblemDetail> answer(ProblemType type, @Nullable String detail) {
    ProblemDetail problem = type.problem(detail);
    var response = ResponseEntity.status(type.status());
    if (type.status().value() == 503) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
    return response.body(problem);
  }

  private static String readableReason(HttpMessageNotReadableException e) {
    return switch (e.getMostSpecificCause()) {
      case UnrecognizedPropertyException unknown ->
          "Unknown field '" + unknown.getPropertyName() + "'.";
      case MismatchedInputException mismatch when !mismatch.getPath().isEmpty() ->
          "Field '" + fieldPath(mismatch) + "' has the wrong type.";
      case JacksonException malformed -> "Malformed JSON: " + malformed.getOriginalMessage();
      default -> "The request body is missing or unreadable.";
    };
  }

  private static String fieldPath(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "" + ref.getIndex())
        .collect(Collectors.joining("."));
  }

  private static <T extends Throwable> @Nullable T causeOfType(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
    return (ResponseEntity) response;
  }
}
