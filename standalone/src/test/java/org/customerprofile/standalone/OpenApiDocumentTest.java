package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The published OpenAPI document as merchants read it and generate clients from it. The build's client
 * is generated from {@code docs/openapi.json}: this test fails when the live document differs from it,
 * and leaves the live one in {@code standalone/target/openapi/customers-api.json} to copy over.
 */
@StandaloneTest
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    static final Path LIVE = Path.of("target", "openapi", "customers-api.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @LocalServerPort
    int port;

    JsonNode docs;

    @BeforeEach
    void fetch() throws IOException {
        ApiClient.Response response = ApiClient.anonymous(port).get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        docs = response.body();
        Files.createDirectories(LIVE.getParent());
        Files.writeString(LIVE, JSON.writeValueAsString(docs) + "\n");
    }

    @Test
    void theClientIsGeneratedFromTheLiveDocument() throws IOException {
        assertThat(JSON.readTree(COMMITTED.toFile()))
                .as("the API changed: copy standalone/%s to docs/openapi.json", LIVE)
                .isEqualTo(docs);
    }

    @Test
    void operationsAreGroupedByResource() {
        List<String> tags = new ArrayList<>();
        docs.get("paths").forEach(item -> item.forEach(operation -> operation.get("tags").forEach(tag -> tags.add(tag.asText()))));
        assertThat(tags).containsOnly("Authentication", "Customers", "History", "Events", "Webhooks", "Operations");
        assertThat(docs.get("paths").has("/error")).isFalse();
    }

    @Test
    void internalArgumentsAreNoParameters() {
        docs.get("paths").forEach(item -> item.forEach(operation -> {
            if (operation.has("parameters")) {
                operation.get("parameters").forEach(parameter ->
                        assertThat(parameter.get("name").asText()).isNotIn("caller", "token"));
            }
        }));
    }

    @Test
    void theCustomerSchemasComeFromTheFieldCatalogue() {
        JsonNode schemas = docs.at("/components/schemas");
        assertThat(schemas.at("/CustomerCreate/properties/billing/properties/address/properties/country_code").isObject()).isTrue();
        assertThat(schemas.at("/CustomerCreate/properties/billing/properties/email/format").asText()).isEqualTo("email");
        assertThat(schemas.at("/CustomerCreate/properties/reference/maxLength").asInt()).isEqualTo(50);
        assertThat(schemas.at("/CustomerCreate/properties/shipping/properties/address_match/type").asText()).isEqualTo("boolean");
        assertThat(schemas.at("/Customer/properties/customer_id/readOnly").asBoolean()).isTrue();
        assertThat(docs.at("/paths/~1v1~1customers/post/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/CustomerCreate");
        assertThat(docs.at("/paths/~1v1~1customers~1{customerId}/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Customer");
    }

    @Test
    void everyErrorIsTheOneApiError() {
        docs.get("paths").forEach(item -> item.forEach(operation -> operation.get("responses").fields().forEachRemaining(response -> {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                response.getValue().get("content").forEach(media ->
                        assertThat(media.at("/schema/$ref").asText()).as(response.getKey()).isEqualTo("#/components/schemas/ApiError"));
            }
        })));
        assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }
}
