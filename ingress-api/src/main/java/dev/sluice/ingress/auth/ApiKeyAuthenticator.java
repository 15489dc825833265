package dev.sluice.ingress.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Finds the client a bearer key belongs to. The key's SHA-256 is compared with every client's in
 * constant time and without stopping at a match, so timing tells nothing about the keys.
 */
@Component
class ApiKeyAuthenticator {

  private record Entry(String clientId, byte[] hash, AuthProperties.Client client) {}

  private final List<Entry> entries;

  ApiKeyAuthenticator(AuthProperties properties) {
    this.entries =
        properties.clients().entrySet().stream()
            .map(
                (Map.Entry<String, AuthProperties.Client> e) ->
                    new Entry(
                        e.getKey(),
                        HexFormat.of().parseHex(e.getValue().keySha256().toLowerCase()),
                        e.getValue()))
            .toList();
  }

  Optional<Caller> authenticate(@Nullable String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(key);
    Entry found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), hash)) {
        found = entry;
      }
    }
    return found == null
        ? Optional.empty()
        : Optional.of(new Caller(found.clientId(), found.client().roles(), found.client()));
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
