package dev.sluice.ingress.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves webhook hosts for the HTTP client and refuses any that resolve to an address {@link
 * AddressPolicy} forbids. The client connects only to addresses resolved here, so a name that
 * passed the check at submit and resolves elsewhere now does not get through.
 */
final class GuardedDnsResolver implements DnsResolver {

  private final DnsResolver delegate;

  GuardedDnsResolver(DnsResolver delegate) {
    this.delegate = delegate;
  }

  GuardedDnsResolver() {
    this(SystemDefaultDnsResolver.INSTANCE);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = delegate.resolve(host);
    for (InetAddress address : addresses) {
      if (AddressPolicy.isForbidden(address)) {
        throw new UnknownHostException(
            host + " resolves to a forbidden address " + address.getHostAddress());
      }
    }
    return addresses;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return delegate.resolveCanonicalHostname(host);
  }
}
