package dev.sluice.ingress.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the {@link AuthInterceptor} in front of the API, and refuses to start in {@code api-key}
 * mode without a client, which would lock everyone out.
 */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration implements WebMvcConfigurer {

  private final AuthInterceptor interceptor;

  AuthConfiguration(AuthInterceptor interceptor, AuthProperties properties) {
    if (properties.mode() == AuthProperties.Mode.API_KEY && properties.clients().isEmpty()) {
      throw new IllegalStateException(
          "sluice.auth.mode is api-key but no client is configured. Add one: make a key"
              + " (openssl rand -base64 32), configure its hash as"
              + " sluice.auth.clients.<id>.key-sha256 (printf %s \"$KEY\" | sha256sum) with"
              + " .roles=submit or submit,admin; or set sluice.auth.mode=none on a trusted"
              + " network.");
    }
    this.interceptor = interceptor;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(interceptor).addPathPatterns("/v1/**");
  }
}
