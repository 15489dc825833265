package dev.sluice.ingress.submit;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import dev.sluice.model.WireCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A client's {@code Idempotency-Key} (IETF httpapi draft) with the fingerprint of the request it
 * came with: a repeat must carry the same request to get the same ticket.
 *
 * @param key the header's value
 * @param fingerprint SHA-256 of the request, hex
 */
record IdempotencyKey(String key, String fingerprint) {

  static final String HEADER = "Idempotency-Key";

  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

  /** The key of a request, or null when it has none. */
  static @Nullable IdempotencyKey of(
      @Nullable String header, SubmitRequest request, WireCodec codec) {
    if (header == null) {
      return null;
    }
    if (!VALID.matcher(header).matches()) {
      throw new SluiceException(
          ProblemType.INVALID_REQUEST,
          "Header 'Idempotency-Key' must be 1 to 255 visible ASCII characters.");
    }
    return new IdempotencyKey(header, sha256(codec.encode(request)));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
