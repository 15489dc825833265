package dev.sluice.ingress.tickets;

import dev.sluice.ingress.auth.Callers;
import dev.sluice.ingress.config.ApiExamples;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "requests")
class TicketController {

  /** The longest a long poll may wait. */
  static final int MAX_WAIT_SECONDS = 30;

  private final TicketReader reader;
  private final LongPollSlots longPolls;

  TicketController(TicketReader reader, LongPollSlots longPolls) {
    this.reader = reader;
    this.longPolls = longPolls;
  }

  @Operation(
      summary = "Read a request's ticket: its status and, once done, its result or error",
      description =
          "With ?wait=N the answer comes as soon as the ticket is final, or after N seconds;"
              + " while sluice.ingress.max-long-polls polls are waiting, at once.")
  @ApiResponse(
      responseCode = "200",
      description = "The ticket. Non-final tickets carry Retry-After: poll again after it.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = {
                @ExampleObject(name = "queued", value = ApiExamples.QUEUED),
                @ExampleObject(name = "succeeded", value = ApiExamples.SUCCEEDED),
                @ExampleObject(name = "failed", value = ApiExamples.FAILED)
              }))
  @ApiResponse(
      responseCode = "404",
      description = "No request with that id",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.NOT_FOUND)))
  @ApiResponse(
      responseCode = "503",
      description = "The ticket store is unavailable, or too many requests are in progress",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = {
                @ExampleObject(name = "store-unavailable", value = ApiExamples.STORE_UNAVAILABLE),
                @ExampleObject(name = "busy", value = ApiExamples.BUSY)
              }))
  @GetMapping(path = "/v1/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> get(
      @PathVariable String id,
      @Parameter(
              description =
                  "Long poll: wait up to this many seconds (at most 30) for a final status")
          @RequestParam(required = false)
          @Nullable Integer wait) {
    if (!TicketIds.isWellFormed(id)) {
      throw new TicketNotFoundException(id);
    }
    if (wait != null && wait < 0) {
      throw new SluiceException(
          ProblemType.INVALID_REQUEST, "Parameter 'wait' must be 0 or more seconds.");
    }
    String client = Callers.current().clientId();
    TicketView ticket =
        wait == null || wait == 0 || !longPolls.tryTake()
            ? reader.read(id, client)
            : readWhenFinal(id, client, Duration.ofSeconds(Math.min(wait, MAX_WAIT_SECONDS)));
    var response = ResponseEntity.ok();
    if (!ticket.status().isFinal()) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.body(ticket);
  }

  /** A long poll that holds one of {@link LongPollSlots}' slots. */
  private TicketView readWhenFinal(String id, String client, Duration wait) {
    try {
      return reader.readWhenFinal(id, client, wait);
    } finally {
      longPolls.release();
    }
  }
}
