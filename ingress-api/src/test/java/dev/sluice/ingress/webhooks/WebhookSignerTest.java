package dev.sluice.ingress.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  /** The example published with the Standard Webhooks specification and its libraries. */
  @Test
  void reproducesTheSpecificationsExampleSignature() {
    var signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    String signature =
        signer.sign(
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void anotherBodyGetsAnotherSignature() {
    var signer = new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    assertThat(signer.sign("msg_1", 1, "{}".getBytes()))
        .isNotEqualTo(signer.sign("msg_1", 1, "{ }".getBytes()));
  }

  @Test
  void refusesSecretsThatAreNotBase64OrTooShort() {
    assertThatThrownBy(() -> new WebhookSigner("whsec_not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookSigner("whsec_c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
