package dev.sluice.ingress.http;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests are the API's, for the servlet filters that apply only to it. */
public final class ApiRequests {

  private static final String PREFIX = "/v1/";

  private ApiRequests() {}

  public static boolean isApi(HttpServletRequest request) {
    return request.getRequestURI().startsWith(PREFIX);
  }
}
