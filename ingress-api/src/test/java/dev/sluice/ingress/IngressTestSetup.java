package dev.sluice.ingress;

import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points an in-process ingress at the real test services, under a namespace of its own. */
public final class IngressTestSetup {

  private IngressTestSetup() {}

  public static void register(DynamicPropertyRegistry registry, TestNamespace namespace) {
    TestServices.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("sluice.namespace", namespace::value);
    registry.add("sluice.auth.mode", () -> "none");
  }

  /**
   * Deletes the namespace's queues and keys after a test class. The listeners stop first, or they
   * would declare their queues again as soon as they are deleted.
   */
  public static void deleteNamespace(
      RabbitListenerEndpointRegistry listeners, TestNamespace namespace) {
    listeners.stop();
    namespace.delete(TestServices.get());
  }

  /** A local port that nothing listens on, to stand for a service that is down. */
  public static int closedPort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
