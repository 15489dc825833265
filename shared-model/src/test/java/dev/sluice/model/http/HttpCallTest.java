package dev.sluice.model.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HttpCallTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static JsonNode withPath(String path) {
    return JSON.createObjectNode().put("upstream", "orders").put("path", path);
  }

  private static JsonNode withHeader(String name, String value) {
    var payload = JSON.createObjectNode().put("upstream", "orders").put("path", "/x");
    payload.putObject("headers").put(name, value);
    return payload;
  }

  @Test
  void readsAFullCall() {
    HttpCall call =
        HttpCall.parse(
            json(
                """
                {"upstream": "orders", "method": "post", "path": "/orders?x=1&y=%20",
                 "headers": {"X-Trace": "abc"}, "body": {"item": 7}}"""));

    assertThat(call.upstream()).isEqualTo("orders");
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/orders?x=1&y=%20");
    assertThat(call.headers()).containsEntry("X-Trace", "abc");
    assertThat(call.body()).isEqualTo(json("{\"item\": 7}"));
  }

  @Test
  void defaultsToGetWithoutHeadersOrBody() {
    HttpCall call = HttpCall.parse(json("{\"upstream\": \"orders\", \"path\": \"/\"}"));

    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.headers()).isEmpty();
    assertThat(call.body()).isNull();
  }

  @Test
  void resolvesThePathUnderTheBaseUrlsOwnPath() {
    HttpCall call = HttpCall.parse(withPath("/orders/7?full=true"));

    assertThat(call.resolveAgainst(URI.create("http://backend:8080/api/")))
        .isEqualTo(URI.create("http://backend:8080/api/orders/7?full=true"));
    assertThat(call.resolveAgainst(URI.create("https://backend")))
        .isEqualTo(URI.create("https://backend/orders/7?full=true"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://evil.example/x",
        "//evil.example/x",
        "evil.example/x",
        "",
        "/a/../../admin",
        "/a/%2e%2e/admin",
        "/a/%2E./admin",
        "/a/./b",
        "/..",
        "/a%2fb",
        "/a%5Cb",
        "/a\\b",
        "/a b",
        "/a\r\nHost: evil",
        "/a#fragment",
        "/a%zz"
      })
  void refusesPathsThatCouldLeaveTheUpstream(String path) {
    assertThatThrownBy(() -> HttpCall.parse(withPath(path)))
        .isInstanceOf(InvalidHttpCallException.class);
  }

  @Test
  void anAtSignInsideAPathStaysUnderTheUpstream() {
    // '@' is a legal path character; it must not turn into user info
    HttpCall call = HttpCall.parse(withPath("/@evil.example/users/@me"));

    assertThat(call.resolveAgainst(URI.create("http://backend:8080")).getHost())
        .isEqualTo("backend");
  }

  @Test
  void refusesOverlongPaths() {
    assertThatThrownBy(() -> HttpCall.parse(withPath("/" + "a".repeat(HttpCall.MAX_PATH_LENGTH))))
        .isInstanceOf(InvalidHttpCallException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Host",
        "host",
        "Connection",
        "Transfer-Encoding",
        "Content-Length",
        "Upgrade",
        "TE",
        "Proxy-Authorization",
        "X-Forwarded-Host",
        "Forwarded"
      })
  void refusesHeadersThatChangeWhereOrHowTheRequestGoes(String name) {
    assertThatThrownBy(() -> HttpCall.parse(withHeader(name, "x")))
        .isInstanceOf(InvalidHttpCallException.class)
        .hasMessageContaining("cannot be set");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\r\nHost: evil", "a\nb", "a\u0000b", "caf\u00e9"})
  void refusesHeaderValuesWithControlOrNonAsciiCharacters(String value) {
    assertThatThrownBy(() -> HttpCall.parse(withHeader("X-Note", value)))
        .isInstanceOf(InvalidHttpCallException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bad Name", "Bad:Name", "", "X-\u00e9"})
  void refusesHeaderNamesThatAreNotTokens(String name) {
    assertThatThrownBy(() -> HttpCall.parse(withHeader(name, "x")))
        .isInstanceOf(InvalidHttpCallException.class);
  }

  @Test
  void refusesTooManyHeaders() {
    var payload = JSON.createObjectNode().put("upstream", "orders").put("path", "/x");
    var headers = payload.putObject("headers");
    for (int i = 0; i <= HttpCall.MAX_HEADERS; i++) {
      headers.put("X-H" + i, "v");
    }

    assertThatThrownBy(() -> HttpCall.parse(payload)).isInstanceOf(InvalidHttpCallException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"path\": \"/x\"}",
        "{\"upstream\": \"Orders!\", \"path\": \"/x\"}",
        "{\"upstream\": \"orders\"}",
        "{\"upstream\": \"orders\", \"path\": 7}",
        "{\"upstream\": \"orders\", \"path\": \"/x\", \"method\": \"CONNECT\"}",
        "{\"upstream\": \"orders\", \"path\": \"/x\", \"method\": \"TRACE\"}",
        "{\"upstream\": \"orders\", \"path\": \"/x\", \"headers\": [\"a\"]}",
        "{\"upstream\": \"orders\", \"path\": \"/x\", \"headers\": {\"X-A\": 1}}",
        "{\"upstream\": \"orders\", \"path\": \"/x\", \"body\": \"no body on GET\"}"
      })
  void refusesMalformedCalls(String payload) {
    assertThatThrownBy(() -> HttpCall.parse(json(payload)))
        .isInstanceOf(InvalidHttpCallException.class);
  }
}
