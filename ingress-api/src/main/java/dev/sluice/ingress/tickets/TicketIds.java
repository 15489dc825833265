package dev.sluice.ingress.tickets;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;
import java.util.regex.Pattern;

/**
 * Ticket ids: UUIDv7, so they sort by creation time, with 74 random bits from a {@link
 * java.security.SecureRandom} so they cannot be guessed.
 */
public final class TicketIds {

  private static final TimeBasedEpochRandomGenerator GENERATOR =
      Generators.timeBasedEpochRandomGenerator();
  private static final Pattern WELL_FORMED =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  private TicketIds() {}

  public static String next() {
    return GENERATOR.generate().toString();
  }

  /** Whether an id could have been issued by {@link #next()}; others need no store lookup. */
  static boolean isWellFormed(String id) {
    return WELL_FORMED.matcher(id).matches();
  }
}
