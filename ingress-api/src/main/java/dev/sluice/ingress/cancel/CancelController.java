package dev.sluice.ingress.cancel;

import dev.sluice.ingress.auth.Callers;
import dev.sluice.ingress.tickets.TicketView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "requests")
class CancelController {

  private final CancelService service;

  CancelController(CancelService service) {
    this.service = service;
  }

  @Operation(
      summary = "Take a request back",
      description =
          "A QUEUED or RETRYING request is never run; a RUNNING one is interrupted on a best-effort"
              + " basis. The ticket becomes CANCELLED.")
  @ApiResponse(responseCode = "200", description = "Cancelled; the ticket")
  @ApiResponse(responseCode = "404", description = "No such request")
  @ApiResponse(responseCode = "409", description = "Already final; the detail names its status")
  @DeleteMapping(path = "/v1/requests/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  TicketView cancel(@PathVariable String id) {
    return service.cancel(id, Callers.current().clientId());
  }
}
