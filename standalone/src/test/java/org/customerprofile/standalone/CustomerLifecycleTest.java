package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Create, retrieve, filter and update through HTTP, the event store and the read model. */
@StandaloneTest
class CustomerLifecycleTest {

    /** Acquired's create example; its reference is unique per call, as references must be. */
    static String seedCustomer() {
        return SEED_CUSTOMER.formatted("seed_" + UUID.randomUUID());
    }

    private static final String SEED_CUSTOMER = """
            {
              "reference": "%s",
              "first_name": "John",
              "last_name": "Smith",
              "dob": "1990-01-01",
              "ip": "127.0.0.1",
              "custom_data": "eyJtZW1iZXJzaGlwIjoiZ29sZCJ9",
              "billing": {
                "address": {"line_1": "152 Aldgate Drive", "line_2": "", "city": "London", "postcode": "E1 7RT", "country_code": "gb"},
                "email": "john@example.com",
                "phone": {"country_code": "44", "number": "2039826580"}
              },
              "shipping": {"address_match": true}
            }""";

    @LocalServerPort
    int port;
    ApiClient company1;

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
    }

    @Test
    void createsTheSeedCustomerAndShowsItBack() {
        ApiClient.Response created = company1.post("/v1/customers", seedCustomer());

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("customer_id").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/customers/" + id);
        assertThat(created.body().size()).isEqualTo(1);

        JsonNode customer = company1.get("/v1/customers/" + id).body();
        assertThat(customer.get("customer_id").asText()).isEqualTo(id);
        assertThat(customer.get("company_id").asText()).isEqualTo(ApiClient.COMPANY_1);
        assertThat(customer.get("first_name").asText()).isEqualTo("John");
        assertThat(customer.at("/billing/address/country_code").asText()).isEqualTo("GB");
        assertThat(customer.at("/billing/address").has("line_2")).as("an empty string is not given").isFalse();
        assertThat(customer.at("/billing/phone/number").asText()).isEqualTo("2039826580");
        assertThat(customer.at("/shipping/address_match").asBoolean()).isTrue();
        assertThat(customer.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(customer.get("last_updated").asText()).isEqualTo(customer.get("created").asText());
    }

    @Test
    void filterReturnsOnlyTheNamedFieldsKeepingTheirNesting() {
        String id = company1.create(seedCustomer());

        JsonNode customer = company1.get("/v1/customers/" + id + "?filter=customer_id,first_name,billing.address.city,shipping").body();

        assertThat(customer).isEqualTo(ApiClient.json("""
                {"customer_id": "%s", "first_name": "John", "billing": {"address": {"city": "London"}},
                 "shipping": {"address_match": true}}""".formatted(id)));
    }

    @Test
    void updateMergesFieldByFieldAndNullClears() {
        String id = company1.create(seedCustomer());

        ApiClient.Response updated = company1.put("/v1/customers/" + id, """
                {"last_name": "Smyth", "dob": null,
                 "billing": {"address": {"city": "Leeds", "postcode": null}, "phone": null}}""");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).isEqualTo(ApiClient.json("{\"status\": \"success\"}"));
        JsonNode customer = company1.get("/v1/customers/" + id).body();
        assertThat(customer.get("first_name").asText()).as("omitted stays").isEqualTo("John");
        assertThat(customer.get("last_name").asText()).isEqualTo("Smyth");
        assertThat(customer.has("dob")).as("null clears").isFalse();
        assertThat(customer.at("/billing/address")).isEqualTo(ApiClient.json("""
                {"line_1": "152 Aldgate Drive", "city": "Leeds", "country_code": "GB"}"""));
        assertThat(customer.at("/billing").has("phone")).as("null clears a whole object").isFalse();
        assertThat(customer.at("/billing/email").asText()).isEqualTo("john@example.com");
        assertThat(customer.get("last_updated").asText()).isGreaterThanOrEqualTo(customer.get("created").asText());
    }

    @Test
    void updateWithTheWholeObjectAgainChangesNothingElse() {
        String seed = seedCustomer();
        String id = company1.create(seed);
        JsonNode before = company1.get("/v1/customers/" + id).body();

        ApiClient.Response updated = company1.put("/v1/customers/" + id, seed);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(company1.get("/v1/customers/" + id).body()).as("nothing changed, no event, same document").isEqualTo(before);
    }

    @Test
    void acceptsWhatRealClientsSend() {
        Map<String, String> companyHeader = Map.of("Company-Id", ApiClient.COMPANY_1);
        ApiClient.Response created = company1.send("POST", "/v1/customers/", """
                {"first_name": "Zoë", "email": "zoe@example.com", "favourite_colour": "green",
                 "billing": {"address": {"line_1": "1 Rue de Rivoli", "line_2": "", "postcode": "", "city": "Paris",
                                         "state": "", "country_code": "fr"}},
                 "shipping": {"address": {"city": "Austin", "state": "tx", "country_code": "us"}}}""", companyHeader);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("customer_id").asText();

        JsonNode customer = company1.send("GET", "/v1/customers/" + id + "/", "[]", Map.of()).body();

        assertThat(customer.get("email").asText()).isEqualTo("zoe@example.com");
        assertThat(customer.has("favourite_colour")).as("unknown fields are ignored").isFalse();
        assertThat(customer.at("/billing/address").has("postcode")).isFalse();
        assertThat(customer.at("/shipping/address/state").asText()).isEqualTo("TX");
        assertThat(company1.send("GET", "/v1/customers/?limit=1", "[]", Map.of()).status()).isEqualTo(200);
        assertThat(company1.send("PUT", "/v1/customers/" + id + "/", "{\"last_name\": \"Martin\"}", companyHeader).status())
                .isEqualTo(200);
        assertThat(company1.get("/v1/customers/" + id).body().get("last_name").asText()).isEqualTo("Martin");
    }

    @Test
    void unknownCustomerIsNotFound() {
        ApiClient.Response missing = company1.get("/v1/customers/6f1d2a3b-0000-4000-8000-000000000000");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error_type").asText()).isEqualTo("not_found");
        assertThat(company1.put("/v1/customers/6f1d2a3b-0000-4000-8000-000000000000", "{}").status()).isEqualTo(404);
        assertThat(company1.get("/v1/customers/not-a-uuid").status()).isEqualTo(404);
        assertThat(company1.put("/v1/customers/not-a-uuid", "{}").status()).isEqualTo(404);
    }
}
