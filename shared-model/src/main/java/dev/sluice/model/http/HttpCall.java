package dev.sluice.model.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One call of an {@code http} job, as the client described it in the payload: {@code {"upstream":
 * "orders", "method": "POST", "path": "/orders?x=1", "headers": {...}, "body": ...}}.
 *
 * <p>Only the path (with its query) comes from the client; scheme, host, port and base path come
 * from the upstream's configuration. The rules below exist so that the client cannot widen that: no
 * absolute or protocol-relative URLs, no dot segments (plain or percent-encoded), no encoded
 * slashes, no headers that would change where or how the request travels.
 *
 * @param upstream name of a configured upstream
 * @param method HTTP method, upper case
 * @param path absolute path under the upstream's base URL, with an optional query
 * @param headers request headers, names as given
 * @param body JSON to send as is, a string to send as text, or null for no body
 */
public record HttpCall(
    String upstream,
    String method,
    String path,
    Map<String, String> headers,
    @Nullable JsonNode body) {

  public static final int MAX_PATH_LENGTH = 2048;
  public static final int MAX_HEADERS = 32;
  public static final int MAX_HEADER_VALUE_LENGTH = 4096;

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final Set<String> METHODS_WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS");

  /**
   * Headers a client may not set: hop-by-hop headers (RFC 9110 §7.6.1), those that decide where a
   * request goes or how its body is framed, and the ones proxies use to say who asked.
   */
  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "expect",
          "forwarded",
          "via",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-proto",
          "x-forwarded-port",
          "x-real-ip");

  private static final Pattern UPSTREAM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** RFC 9110 token characters. */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");

  /** Characters RFC 3986 allows in a path and query, plus percent escapes; nothing else. */
  private static final Pattern PATH_CHARACTERS =
      Pattern.compile("/([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*");

  public HttpCall {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * Reads and checks a payload.
   *
   * @throws InvalidHttpCallException with a message fit to show the client
   */
  public static HttpCall parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidHttpCallException("The payload must be a JSON object.");
    }
    String upstream = requiredText(payload, "upstream");
    if (!UPSTREAM_NAME.matcher(upstream).matches()) {
      throw new InvalidHttpCallException("'upstream' is not a valid upstream name.");
    }
    String method = method(payload);
    String path = path(requiredText(payload, "path"));
    Map<String, String> headers = headers(payload.get("headers"));
    JsonNode body = payload.get("body");
    if (body != null && body.isNull()) {
      body = null;
    }
    if (body != null && METHODS_WITHOUT_BODY.contains(method)) {
      throw new InvalidHttpCallException(method + " requests cannot have a body.");
    }
    return new HttpCall(upstream, method, path, headers, body);
  }

  /**
   * The URI to call: {@link #path()} appended to the upstream's base URL.
   *
   * @param baseUrl the upstream's base URL, such as {@code http://orders:8080/api}
   */
  public URI resolveAgainst(URI baseUrl) {
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI target = URI.create(base + path);
    // the path rules make this impossible; checked again because the cost of being wrong is SSRF
    if (!baseUrl.getScheme().equals(target.getScheme())
        || !baseUrl.getRawAuthority().equals(target.getRawAuthority())) {
      throw new InvalidHttpCallException("The path leaves the upstream.");
    }
    return target;
  }

  private static String method(JsonNode payload) {
    JsonNode node = payload.get("method");
    if (node == null || node.isNull()) {
      return "GET";
    }
    if (!node.isString()) {
      throw new InvalidHttpCallException("'method' must be a string.");
    }
    String method = node.asString().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new InvalidHttpCallException("'method' must be one of " + METHODS + ".");
    }
    return method;
  }

  private static String path(String path) {
    if (path.length() > MAX_PATH_LENGTH) {
      throw new InvalidHttpCallException(
          "'path' is longer than " + MAX_PATH_LENGTH + " characters.");
    }
    if (path.startsWith("//") || !PATH_CHARACTERS.matcher(path).matches()) {
      throw new InvalidHttpCallException(
          "'path' must start with a single '/' and hold only URL path and query characters.");
    }
    URI uri;
    try {
      uri = new URI(path);
    } catch (URISyntaxException e) {
      throw new InvalidHttpCallException("'path' is not a valid URL path: " + e.getReason());
    }
    if (uri.getScheme() != null || uri.getRawAuthority() != null) {
      throw new InvalidHttpCallException("'path' must be a path, not a URL.");
    }
    String rawPath = uri.getRawPath();
    String lower = rawPath.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c")) {
      throw new InvalidHttpCallException("'path' must not contain encoded slashes.");
    }
    for (String segment : lower.split("/", -1)) {
      String decoded = segment.replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        throw new InvalidHttpCallException("'path' must not contain '.' or '..' segments.");
      }
    }
    return path;
  }

  private static Map<String, String> headers(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new InvalidHttpCallException("'headers' must be an object of strings.");
    }
    if (node.size() > MAX_HEADERS) {
      throw new InvalidHttpCallException("'headers' may hold at most " + MAX_HEADERS + " entries.");
    }
    var headers = new LinkedHashMap<String, String>();
    for (var entry : node.properties()) {
      String name = entry.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new InvalidHttpCallException("Header name '" + printable(name) + "' is not valid.");
      }
      if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new InvalidHttpCallException("Header '" + name + "' cannot be set.");
      }
      JsonNode value = entry.getValue();
      if (!value.isString()) {
        throw new InvalidHttpCallException("Header '" + name + "' must have a string value.");
      }
      String text = value.asString();
      if (text.length() > MAX_HEADER_VALUE_LENGTH || !isHeaderValue(text)) {
        throw new InvalidHttpCallException(
            "Header '" + name + "' has a value that is too long or holds control characters.");
      }
      headers.put(name, text);
    }
    return headers;
  }

  /** Visible ASCII, spaces and tabs; no CR, LF, NUL or other controls. */
  private static boolean isHeaderValue(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
  }

  private static String requiredText(JsonNode payload, String field) {
    JsonNode node = payload.get(field);
    if (node == null || !node.isString() || node.asString().isBlank()) {
      throw new InvalidHttpCallException("'" + field + "' is required and must be a string.");
    }
    return node.asString();
  }

  private static String printable(String text) {
    return text.codePoints()
        .limit(64)
        .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
