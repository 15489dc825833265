package dev.sluice.ingress.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** The caller of the request being handled, as the {@link AuthInterceptor} found it. */
public final class Callers {

  private static final String ATTRIBUTE = Callers.class.getName();

  private Callers() {}

  static void set(HttpServletRequest request, Caller caller) {
    request.setAttribute(ATTRIBUTE, caller);
  }

  /** The current request's caller. */
  public static Caller current() {
    RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
    Object caller = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    if (caller == null) {
      throw new IllegalStateException("no caller: the request did not pass the AuthInterceptor");
    }
    return (Caller) caller;
  }
}
