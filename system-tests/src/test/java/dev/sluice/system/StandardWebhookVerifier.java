package dev.sluice.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook the way a receiver following the Standard Webhooks specification would:
 * written apart from Sluice's signer, from the specification alone.
 */
final class StandardWebhookVerifier {

  private final byte[] key;

  StandardWebhookVerifier(String whsecSecret) {
    this.key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
  }

  /** Whether one of the space-separated {@code v1,} signatures matches the content. */
  boolean verify(String id, String timestamp, byte[] body, String signatureHeader) {
    byte[] expected = hmac((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
    for (String candidate : signatureHeader.split(" ")) {
      if (candidate.startsWith("v1,")) {
        byte[] given = Base64.getDecoder().decode(candidate.substring(3));
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  private byte[] hmac(byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
