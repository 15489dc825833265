package dev.sluice.ingress.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may never be sent to, so that a client cannot make Sluice call into the
 * network it runs in (server-side request forgery): loopback, unspecified, private (10/8,
 * 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), unique local IPv6 (fc00::/7), multicast and broadcast.
 */
final class AddressPolicy {

  private AddressPolicy() {}

  static boolean isForbidden(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      boolean carrierNat = first == 100 && second >= 64 && second <= 127;
      boolean thisNetwork = first == 0;
      boolean broadcast = first == 255;
      return carrierNat || thisNetwork || broadcast;
    }
    if (address instanceof Inet6Address) {
      boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
      return uniqueLocal;
    }
    return true;
  }
}
