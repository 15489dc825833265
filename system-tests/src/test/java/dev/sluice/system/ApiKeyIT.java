package dev.sluice.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.SluiceApi.Reply;
import dev.sluice.testing.TestNamespace;
import dev.sluice.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys configured the way an operator does (environment variables), on two ingress replicas: a
 * client's rate limit holds across both, and neither logs a key or its hash.
 */
class ApiKeyIT {

  private static final TestNamespace NAMESPACE = TestNamespace.create("apikey");
  private static final String KEY = "key-" + UUID.randomUUID();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String hash;
  private static SluiceProcess first;
  private static SluiceProcess second;

  @BeforeAll
  static void start() throws Exception {
    hash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
    Map<String, String> env =
        Map.of(
            "SLUICE_AUTH_MODE", "api-key",
            "SLUICE_AUTH_CLIENTS_CAROL_KEYSHA256", hash,
            "SLUICE_AUTH_CLIENTS_CAROL_ROLES", "submit",
            "SLUICE_AUTH_CLIENTS_CAROL_RATEPERSECOND", "0.1",
            "SLUICE_AUTH_CLIENTS_CAROL_BURST", "3");
    first = SluiceProcess.ingress(NAMESPACE, env);
    second = SluiceProcess.ingress(NAMESPACE, env);
    first.awaitReady();
    second.awaitReady();
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    NAMESPACE.delete(TestServices.get());
  }

  @Test
  void rateLimitIsSharedByTheReplicasAndNoKeyIsLogged() throws Exception {
    assertThat(submit(first, KEY).status()).isEqualTo(202);
    assertThat(submit(second, KEY).status()).isEqualTo(202);
    assertThat(submit(first, KEY).status()).isEqualTo(202);

    Reply limited = submit(second, KEY);

    assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
    assertThat(limited.problemType()).isEqualTo("https://sluice.dev/problems/rate-limited");
    assertThat(submit(first, KEY).status()).isEqualTo(429);
    assertThat(submit(first, "not-the-key").status()).isEqualTo(401);
    for (SluiceProcess process : new SluiceProcess[] {first, second}) {
      String log = Files.readString(process.log());
      assertThat(log).doesNotContain(KEY).doesNotContain(hash);
    }
  }

  private static Reply submit(SluiceProcess ingress, String key) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port() + "/v1/requests"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"echo\"}"))
            .build();
    return new Reply(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
  }
}
