package dev.sluice.ingress.tickets;

import dev.sluice.ingress.config.ApiExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "requests")
class TicketController {

  private final TicketStore store;

  TicketController(TicketStore store) {
    this.store = store;
  }

  @Operation(summary = "Read a request's ticket: its status and, once done, its result or error")
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
      description = "The ticket store is unavailable",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.STORE_UNAVAILABLE)))
  @GetMapping(path = "/v1/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> get(@PathVariable String id) {
    if (!TicketIds.isWellFormed(id)) {
      throw new TicketNotFoundException(id);
    }
    TicketView ticket = store.find(id).orElseThrow(() -> new TicketNotFoundException(id));
    var response = ResponseEntity.ok();
    if (!ticket.status().isFinal()) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response.body(ticket);
  }
}
