package dev.sluice.ingress.submit;

import dev.sluice.ingress.auth.Callers;
import dev.sluice.ingress.config.ApiExamples;
import dev.sluice.model.WireCodec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "requests")
class SubmitController {

  /** Set on the answer to a repeated request that returns the earlier ticket. */
  static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

  private final SubmitService service;
  private final WireCodec codec;

  SubmitController(SubmitService service, WireCodec codec) {
    this.service = service;
    this.codec = codec;
  }

  @Operation(
      summary = "Submit a request; answers at once with a ticket",
      description =
          "The ticket exists, and the job is safely on the broker, before the 202 is sent."
              + " Poll the Location to follow it.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = {
                @ExampleObject(name = "echo", value = ApiExamples.SUBMIT_ECHO),
                @ExampleObject(name = "simulate", value = ApiExamples.SUBMIT_SIMULATE),
                @ExampleObject(name = "http", value = ApiExamples.SUBMIT_HTTP)
              }))
  @ApiResponse(
      responseCode = "202",
      description = "Accepted: the ticket, with Location and Retry-After headers",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.ACCEPTED)))
  @ApiResponse(
      responseCode = "400",
      description =
          "Malformed JSON, missing or unknown type, payload not an object or not valid for its"
              + " type, unknown field, unknown upstream",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = {
                @ExampleObject(name = "invalid-request", value = ApiExamples.INVALID_REQUEST),
                @ExampleObject(name = "unknown-job-type", value = ApiExamples.UNKNOWN_JOB_TYPE),
                @ExampleObject(name = "invalid-payload", value = ApiExamples.INVALID_PAYLOAD),
                @ExampleObject(name = "unknown-upstream", value = ApiExamples.UNKNOWN_UPSTREAM)
              }))
  @ApiResponse(
      responseCode = "422",
      description = "Idempotency-Key already used with a different request",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.IDEMPOTENCY_KEY_REUSED)))
  @ApiResponse(
      responseCode = "409",
      description =
          "The request first sent with this Idempotency-Key was refused while this one ran, or"
              + " is still unsettled after twice the longest a submit takes; send again",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.IDEMPOTENCY_CONFLICT)))
  @ApiResponse(
      responseCode = "413",
      description = "Body over sluice.ingress.max-body-size",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.PAYLOAD_TOO_LARGE)))
  @ApiResponse(
      responseCode = "415",
      description = "Body is not application/json",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.UNSUPPORTED_MEDIA_TYPE)))
  @ApiResponse(
      responseCode = "503",
      description =
          "Queue full, too many requests in progress, broker or store unavailable; no ticket was"
              + " created",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = {
                @ExampleObject(name = "queue-full", value = ApiExamples.QUEUE_FULL),
                @ExampleObject(name = "busy", value = ApiExamples.BUSY),
                @ExampleObject(name = "broker-unavailable", value = ApiExamples.BROKER_UNAVAILABLE)
              }))
  @PostMapping(
      path = "/v1/requests",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<SubmitResponse> submit(
      @RequestBody SubmitRequest request,
      @Parameter(
              description =
                  "Makes the submit safe to repeat: the same key with the same body returns the"
                      + " original ticket (and publishes its job if the request that stored it"
                      + " never did, waiting until that request is past the longest a submit"
                      + " takes); with another body, 422. Kept for"
                      + " sluice.ingress.idempotency-ttl.")
          @RequestHeader(name = IdempotencyKey.HEADER, required = false)
          @Nullable String idempotencyKey) {
    var submission =
        service.submit(
            request, IdempotencyKey.of(idempotencyKey, request, codec), Callers.current());
    SubmitResponse ticket = submission.ticket();
    var response =
        ResponseEntity.accepted()
            .location(URI.create(ticket.statusUrl()))
            .header(HttpHeaders.RETRY_AFTER, "1");
    if (submission.replayed()) {
      response.header(IDEMPOTENT_REPLAYED, "true");
    }
    return response.body(ticket);
  }
}
