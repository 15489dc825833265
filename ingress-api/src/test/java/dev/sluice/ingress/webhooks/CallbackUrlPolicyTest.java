package dev.sluice.ingress.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.ingress.problems.SluiceException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackUrlPolicyTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final CallbackUrlPolicy policy = policy(false);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.1.2.3:8080/hook",
        "http://10.0.0.5/hook",
        "http://172.16.0.1/hook",
        "http://172.31.255.254/hook",
        "http://192.168.1.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/hook",
        "http://0.0.0.0/hook",
        "http://224.0.0.1/hook",
        "http://[::1]/hook",
        "http://[fd00::1]/hook",
        "http://[fc12:3456::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://localhost/hook"
      })
  void refusesInternalAddresses(String url) {
    assertThatThrownBy(() -> policy.check(url))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("internal address");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://93.184.216.34/hook",
        "/relative/hook",
        "http://user:secret@93.184.216.34/hook",
        "not a url"
      })
  void refusesWhatIsNotAnAbsoluteHttpUrl(String url) {
    assertThatThrownBy(() -> policy.check(url)).isInstanceOf(SluiceException.class);
  }

  @Test
  void acceptsPublicAddresses() {
    assertThat(policy.check("https://93.184.216.34:8443/hooks/sluice?x=1"))
        .isEqualTo("https://93.184.216.34:8443/hooks/sluice?x=1");
  }

  @Test
  void privateNetworksCanBeAllowedForDemos() {
    assertThat(policy(true).check("http://127.0.0.1:9000/hook"))
        .isEqualTo("http://127.0.0.1:9000/hook");
  }

  @Test
  void refusesEveryCallbackWhenNoSecretIsConfigured() {
    var unconfigured =
        new CallbackUrlPolicy(
            new WebhookProperties(
                null, List.of(Duration.ofSeconds(1)), Duration.ofSeconds(1), false, 1));

    assertThatThrownBy(() -> unconfigured.check("https://93.184.216.34/hook"))
        .hasMessageContaining("sluice.webhooks.secret");
  }

  private static CallbackUrlPolicy policy(boolean allowPrivate) {
    return new CallbackUrlPolicy(
        new WebhookProperties(
            SECRET, List.of(Duration.ofSeconds(1)), Duration.ofSeconds(1), allowPrivate, 1));
  }
}
