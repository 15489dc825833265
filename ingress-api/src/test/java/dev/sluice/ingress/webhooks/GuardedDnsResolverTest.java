package dev.sluice.ingress.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

/** The check when connecting: a name that now resolves to an internal address is refused. */
class GuardedDnsResolverTest {

  @Test
  void refusesANameThatNowResolvesToAPrivateAddress() throws Exception {
    var rebound = new GuardedDnsResolver(resolvingTo("93.184.216.34", "10.0.0.7"));

    assertThatThrownBy(() -> rebound.resolve("hooks.example.com"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("10.0.0.7");
  }

  @Test
  void passesPublicAddresses() throws Exception {
    var resolver = new GuardedDnsResolver(resolvingTo("93.184.216.34"));

    assertThat(resolver.resolve("hooks.example.com"))
        .containsExactly(InetAddress.getByName("93.184.216.34"));
  }

  /** A DNS answer that the test decides, as a rebinding attacker would. */
  private static DnsResolver resolvingTo(String... addresses) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        var result = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
          result[i] = InetAddress.getByName(addresses[i]);
        }
        return result;
      }

      @Override
      public String resolveCanonicalHostname(String host) {
        return host;
      }
    };
  }
}
