package dev.sluice.ingress.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding the ingress's settings as Spring Boot does, from property names and strings. */
class IngressPropertiesTest {

  private static IngressProperties bind(Map<String, String> properties) {
    var binder = new Binder(new MapConfigurationPropertySource(properties));
    return binder.bindOrCreate("sluice.ingress", IngressProperties.class);
  }

  @Test
  void longPollsStayBelowRequestsInFlightByDefault() {
    IngressProperties defaults = bind(Map.of());

    assertThat(defaults.maxInFlight()).isEqualTo(1000);
    assertThat(defaults.maxLongPolls()).isEqualTo(500);
  }

  @Test
  void asManyLongPollsAsRequestsInFlightIsRefusedAtStartUp() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "sluice.ingress.max-in-flight", "100",
                        "sluice.ingress.max-long-polls", "100")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("sluice.ingress.max-long-polls (100) must be below")
        .hasMessageContaining("sluice.ingress.max-in-flight (100)");
  }
}
