package dev.sluice.ingress.auth;

import dev.sluice.ingress.problems.ProblemType;
import dev.sluice.ingress.problems.SluiceException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /v1} request and checks its role: {@code admin} for {@code
 * /v1/admin/**}, {@code submit} for the rest. Runs inside Spring MVC, so its refusals become
 * problem details like every other error.
 */
@Component
class AuthInterceptor implements HandlerInterceptor {

  private static final String BEARER = "Bearer ";

  /** More headers than any client of this API needs; beyond, a request is refused. */
  static final int MAX_HEADERS = 64;

  private final AuthProperties properties;
  private final ApiKeyAuthenticator authenticator;

  AuthInterceptor(AuthProperties properties, ApiKeyAuthenticator authenticator) {
    this.properties = properties;
    this.authenticator = authenticator;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (Collections.list(request.getHeaderNames()).size() > MAX_HEADERS) {
      throw new SluiceException(
          ProblemType.INVALID_REQUEST, "More than " + MAX_HEADERS + " request headers.");
    }
    Caller caller =
        properties.mode() == AuthProperties.Mode.NONE
            ? Caller.ANONYMOUS
            : authenticator
                .authenticate(bearerKey(request))
                .orElseThrow(
                    () ->
                        new SluiceException(
                            ProblemType.UNAUTHORIZED,
                            "Send a valid API key as 'Authorization: Bearer <key>'."));
    AuthProperties.Role needed =
        request.getRequestURI().startsWith("/v1/admin/")
            ? AuthProperties.Role.ADMIN
            : AuthProperties.Role.SUBMIT;
    if (!caller.may(needed)) {
      throw new SluiceException(
          ProblemType.FORBIDDEN,
          "This API key lacks the '" + needed.name().toLowerCase() + "' role.");
    }
    Callers.set(request, caller);
    return true;
  }

  private static String bearerKey(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return header.substring(BEARER.length()).trim();
  }
}
