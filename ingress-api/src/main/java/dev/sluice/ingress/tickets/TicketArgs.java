package dev.sluice.ingress.tickets;

import dev.sluice.model.TicketStatus;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Building the argument lists of the ticket scripts. */
final class TicketArgs {

  private TicketArgs() {}

  static void pair(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }

  /** Statuses as the scripts take them: {@code ",A,B,"}. */
  static String statuses(Set<TicketStatus> statuses) {
    return statuses.stream().map(Enum::name).collect(Collectors.joining(",", ",", ","));
  }
}
