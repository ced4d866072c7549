package org.customerprofile.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}). */
@Configuration
class OpenApiConfiguration {

    @Bean
    OpenAPI customersOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Customers API").version("v1")
                        .description("A drop-in for the Acquired.com Customers API on an event-sourced core. "
                                + "Log in with POST /v1/login, then send Authorization: Bearer <access_token>."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
