package dev.sluice.ingress.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's header; the operations come from the controllers' annotations. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI sluiceOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Sluice API")
                .version("v1")
                .description(
                    "Submit work and get a ticket at once; poll the ticket until it is done."
                        + " Errors are RFC 9457 problem details with a stable type URI."));
  }
}
