package dev.sluice.ingress.admin;

import dev.sluice.ingress.config.ApiExamples;
import dev.sluice.ingress.deadletters.DeadLetterArchive;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.ingress.tickets.TicketView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "admin")
class DeadLetterController {

  private static final int MAX_LIMIT = 200;

  private final DeadLetterArchive archive;
  private final DeadLetterRetry retry;

  DeadLetterController(DeadLetterArchive archive, DeadLetterRetry retry) {
    this.archive = archive;
    this.retry = retry;
  }

  @Operation(summary = "List dead letters, newest first")
  @ApiResponse(
      responseCode = "200",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(value = ApiExamples.DEAD_LETTERS)))
  @GetMapping(path = "/v1/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
  DeadLetterArchive.Page list(
      @RequestParam(defaultValue = "0") long offset, @RequestParam(defaultValue = "50") int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
      throw new SluiceException(
          ProblemType.INVALID_REQUEST,
          "offset must be 0 or more and limit between 1 and " + MAX_LIMIT + ".");
    }
    return archive.page(offset, limit);
  }

  @Operation(
      summary = "Run a dead letter again",
      description =
          "Its ticket goes back to QUEUED with a fresh budget of attempts (attempt numbers go on"
              + " counting) and the dead letter is removed.")
  @ApiResponse(responseCode = "202", description = "Queued again; the ticket as it is now")
  @ApiResponse(responseCode = "404", description = "No such dead letter")
  @ApiResponse(
      responseCode = "409",
      description = "Unreadable, or its ticket expired or is not FAILED")
  @PostMapping(
      path = "/v1/admin/dead-letters/{id}/retry",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> retry(@PathVariable String id) {
    TicketView ticket = retry.retry(id);
    return ResponseEntity.accepted()
        .location(URI.create("/v1/requests/" + id))
        .header(HttpHeaders.RETRY_AFTER, "1")
        .body(ticket);
  }

  @Operation(summary = "Delete a dead letter; its ticket stays as it is")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", description = "No such dead letter")
  @DeleteMapping("/v1/admin/dead-letters/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!archive.remove(id)) {
      throw DeadLetterRetry.notFound(id);
    }
    return ResponseEntity.noContent().build();
  }
}
