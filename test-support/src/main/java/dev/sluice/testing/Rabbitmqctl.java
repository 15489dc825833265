package dev.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The broker's own command line, for what a client cannot see or do: what another connection's
 * consumers hold unacknowledged, closing a connection as an operator would.
 */
public final class Rabbitmqctl {

  private static final Path COMMAND = Path.of("/usr/sbin/rabbitmqctl");

  private Rabbitmqctl() {}

  /** Whether it reaches the tests' broker: installed here, and the broker runs here too. */
  public static boolean reaches(TestServices services) {
    String host = services.rabbitHost();
    return Files.isExecutable(COMMAND) && (host.equals("127.0.0.1") || host.equals("localhost"));
  }

  /**
   * Runs it and returns what it printed.
   *
   * @throws IllegalStateException if it failed
   */
  public static String run(String... args) {
    var command = new ArrayList<>(List.of(COMMAND.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /**
   * Messages the queue's consumers hold unacknowledged, as their channels count them now (the
   * queue's own count, from {@code list_queues}, is refreshed only every few seconds for a quorum
   * queue).
   */
  public static int unacknowledgedByConsumersOf(String queue) {
    Set<String> channels =
        run("list_consumers", "-q", "--no-table-headers", "queue_name", "channel_pid")
            .lines()
            .map(line -> line.split("\t"))
            .filter(columns -> columns.length == 2 && columns[0].equals(queue))
            .map(columns -> columns[1].trim())
            .collect(Collectors.toSet());
    if (channels.isEmpty()) {
      throw new IllegalStateException("no consumer of " + queue);
    }
    return run("list_channels", "-q", "--no-table-headers", "pid", "messages_unacknowledged")
        .lines()
        .map(line -> line.split("\t"))
        .filter(columns -> columns.length == 2 && channels.contains(columns[0].trim()))
        .mapToInt(columns -> Integer.parseInt(columns[1].trim()))
        .sum();
  }
}
