package org.customerprofile.web.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.customerprofile.web.error.ApiError;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Every operation's error responses, each the one {@code ApiError} schema: which statuses an operation
 * can answer follows from what it is (it takes input, names a customer, writes, is an operator's).
 */
class ErrorResponses implements OpenApiCustomizer {

    static final String API_ERROR = "ApiError";

    @Override
    public void customise(OpenAPI api) {
        ModelConverters.getInstance().readAll(new AnnotatedType(ApiError.class)).forEach(api.getComponents()::addSchemas);
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method, operation)));
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean login = path.equals("/v1/login");
        boolean takesInput = operation.getRequestBody() != null || (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> !"path".equals(parameter.getIn())));
        if (takesInput) {
            add(responses, "400", "The request is malformed (bad_request) or invalid (validation): "
                    + "invalid_parameters names every rejected parameter with its reason.");
        }
        add(responses, "401", login ? "The app id and key are wrong or unknown."
                : "The bearer token is missing, malformed, expired or not ours.");
        if (!login) {
            add(responses, "403", path.startsWith("/v1/operations")
                    ? "The app is not an operator, or Company-Id names another company."
                    : "Company-Id names another company than the authenticated app's.");
        }
        if (path.contains("{customerId}")) {
            add(responses, "404", "No customer with this id in the caller's company.");
            if (!path.endsWith("/events")) {
                add(responses, "410", "The caller's customer was erased (error_type gone); its history stays readable.");
            }
        }
        if (path.contains("{webhookId}")) {
            add(responses, "404", "No webhook (or delivery) with this id in the caller's company.");
        }
        boolean write = !path.endsWith("/duplicates") && (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT);
        if (path.startsWith("/v1/customers") && write) {
            add(responses, "409", "The reference is taken by another customer of the company, "
                    + "or the Idempotency-Key was used with another body.");
        }
        add(responses, "500", "Something went wrong on our side; the request was not applied.");
    }

    private static void add(ApiResponses responses, String status, String description) {
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + API_ERROR)))));
    }
}
