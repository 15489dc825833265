package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.auth.Callers;
import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.ingress.tickets.TicketStore;
import dev.sluice.ingress.tickets.TicketView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "requests")
class CallbackController {

  private final TicketStore tickets;
  private final WebhookTrigger trigger;

  CallbackController(TicketStore tickets, WebhookTrigger trigger) {
    this.tickets = tickets;
    this.trigger = trigger;
  }

  @Operation(summary = "Send a final ticket's webhook again, from its first try")
  @ApiResponse(responseCode = "202", description = "Queued; the ticket with callback PENDING")
  @ApiResponse(responseCode = "404", description = "No such request")
  @ApiResponse(responseCode = "409", description = "No callbackUrl, or the ticket is not final")
  @PostMapping(
      path = "/v1/requests/{id}/callback/redeliver",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<TicketView> redeliver(@PathVariable String id) {
    TicketView ticket =
        tickets
            .find(id)
            .filter(t -> t.belongsTo(Callers.current().clientId()))
            .orElseThrow(
                () ->
                    new SluiceException(ProblemType.NOT_FOUND, "No request with id '" + id + "'."));
    if (ticket.callback() == null || !ticket.status().isFinal()) {
      throw new SluiceException(
          ProblemType.NOT_REDELIVERABLE,
          ticket.callback() == null
              ? "Request '" + id + "' has no callbackUrl."
              : "Request '"
                  + id
                  + "' is "
                  + ticket.status()
                  + "; its webhook goes out when it is final.");
    }
    trigger.redeliver(id);
    return ResponseEntity.accepted().body(tickets.find(id).orElse(ticket));
  }
}
