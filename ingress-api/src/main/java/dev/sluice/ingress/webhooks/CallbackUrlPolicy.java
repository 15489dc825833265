package dev.sluice.ingress.webhooks;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;

/**
 * Checks a request's {@code callbackUrl} at submit: an absolute http(s) URL whose host resolves
 * only to addresses {@link AddressPolicy} allows. The check is made again when connecting, since a
 * name may resolve elsewhere later.
 */
@Component
public class CallbackUrlPolicy {

  private static final int MAX_LENGTH = 2048;

  private final boolean enabled;
  private final boolean allowPrivateNetworks;

  CallbackUrlPolicy(WebhookProperties properties) {
    this.enabled = properties.secret() != null && !properties.secret().isBlank();
    this.allowPrivateNetworks = properties.allowPrivateNetworks();
  }

  /**
   * @return the URL, normalised
   * @throws SluiceException (400) if it is not acceptable
   */
  public String check(String url) {
    if (!enabled) {
      throw invalid("Webhooks are not configured here (sluice.webhooks.secret is not set).");
    }
    if (url.length() > MAX_LENGTH) {
      throw invalid("Field 'callbackUrl' is longer than " + MAX_LENGTH + " characters.");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid("Field 'callbackUrl' is not a valid URL.");
    }
    String scheme = uri.getScheme();
    if (!uri.isAbsolute()
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw invalid("Field 'callbackUrl' must be an absolute http or https URL without user info.");
    }
    if (!allowPrivateNetworks) {
      checkAddresses(uri.getHost());
    }
    return uri.normalize().toString();
  }

  private static void checkAddresses(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw invalid("The host of 'callbackUrl' does not resolve: " + host + ".");
    }
    for (InetAddress address : addresses) {
      if (AddressPolicy.isForbidden(address)) {
        throw invalid(
            "Field 'callbackUrl' points to a loopback, private or otherwise internal address ("
                + address.getHostAddress()
                + ").");
      }
    }
  }

  private static SluiceException invalid(String detail) {
    return new SluiceException(ProblemType.INVALID_REQUEST, detail);
  }
}
