package dev.sluice.ingress.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhooks per the Standard Webhooks specification: {@code v1,} followed by the base64
 * HMAC-SHA256 of {@code id.timestamp.body}, keyed with the base64-decoded part of a {@code whsec_}
 * secret.
 */
final class WebhookSigner {

  private static final String PREFIX = "whsec_";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  WebhookSigner(String secret) {
    String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "sluice.webhooks.secret must be whsec_ followed by base64", e);
    }
    if (bytes.length < 16) {
      throw new IllegalArgumentException("sluice.webhooks.secret must hold at least 16 bytes");
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  String sign(String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM has " + ALGORITHM, e);
    }
  }
}
