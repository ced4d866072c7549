package org.customerprofile.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.customerprofile.web.security.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published OpenAPI document ({@code /v3/api-docs}, browsable at {@code /swagger-ui.html}): operations
 * grouped by resource, the customer's schemas built from the field catalogue ({@link CustomerSchemas}),
 * every error response the one {@code ApiError} ({@link ErrorResponses}).
 */
@Configuration
class OpenApiConfiguration {

    static final String BEARER = "bearer";

    static {
        // resolved from the bearer token by CallerArgumentResolver, never sent by a client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI customersOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Customers API").version("v1")
                        .description("A drop-in for the Acquired.com Customers API on an event-sourced core. "
                                + "Log in with POST /v1/login, then send Authorization: Bearer <access_token>."))
                // relative: the document is the same whichever host serves it
                .servers(List.of(new Server().url("/")))
                .tags(List.of(
                        new Tag().name("Authentication").description("Exchange an app id and key for a bearer token."),
                        new Tag().name("Customers").description("Create, update, retrieve and list the company's customers."),
                        new Tag().name("History").description("A customer's events and past states, from the event store."),
                        new Tag().name("Events").description("The company's customer events in global order, paged or live."),
                        new Tag().name("Webhooks").description("The company's endpoints that every customer event is pushed to, signed, and their deliveries."),
                        new Tag().name("Operations").description("For operator apps only: dead letters and read model rebuilds.")))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer customerSchemas() {
        return new CustomerSchemas();
    }

    @Bean
    ParameterCustomizer wholeNumberParameters() {
        return new WholeNumberParameters();
    }

    @Bean
    OpenApiCustomizer errorResponses() {
        return new ErrorResponses();
    }
}
