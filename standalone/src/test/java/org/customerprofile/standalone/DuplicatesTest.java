package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code POST /v1/customers/duplicates} on a company of its own; each test makes customers with values
 * nobody else has (its own marker), so tests do not see each other's customers.
 */
@StandaloneTest
class DuplicatesTest {

    @LocalServerPort
    int port;
    ApiClient duplicates;
    String marker;

    @BeforeEach
    void logIn() {
        duplicates = ApiClient.anonymous(port).login("duplica", "key-of-the-duplicates-company-00");
        marker = CustomerSearchTest.letters();
    }

    @Test
    void noneIsAnEmptyList() {
        assertThat(check(Map.of()).body()).isEqualTo(ApiClient.json("{\"data\": []}"));
        assertThat(check(Map.of("email", marker + "@nobody.test", "first_name", "Nobody")).body())
                .isEqualTo(ApiClient.json("{\"data\": []}"));
    }

    @Test
    void anEmailMatchesAnyOfTheThreeIgnoringCase() {
        String id = duplicates.create(Map.of("shipping", Map.of("email", marker + "@Example.test")));

        JsonNode found = check(Map.of("billing", Map.of("email", marker.toUpperCase() + "@EXAMPLE.test"))).body();

        assertThat(found).isEqualTo(ApiClient.json("""
                {"data": [{"customer_id": "%s", "score": 0.9, "reasons": ["email"]}]}""".formatted(id)));
    }

    @Test
    void strongestFirstWithEveryReasonThatHolds() {
        String phone = digits();
        String byPhone = duplicates.create(Map.of("billing", Map.of("phone", Map.of("country_code", "44", "number", phone))));
        String byNameAndDob = duplicates.create(Map.of("first_name", "Zoë", "last_name", marker, "dob", "1990-01-02"));
        String byNameAndPostcode = duplicates.create(Map.of("first_name", "ZOE", "last_name", marker,
                "shipping", Map.of("address", Map.of("postcode", "E1 7RT"))));
        String byEmailAndPhone = duplicates.create(Map.of("email", marker + "@example.test",
                "shipping", Map.of("phone", Map.of("number", "44" + phone))));

        List<String> ids = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        check(Map.of("first_name", "zoe", "last_name", marker, "dob", "1990-01-02", "email", marker + "@example.test",
                "billing", Map.of("address", Map.of("postcode", "e17rt"), "phone", Map.of("country_code", "44", "number", phone))))
                .body().get("data").forEach(duplicate -> {
                    ids.add(duplicate.get("customer_id").asText());
                    reasons.add(duplicate.get("reasons").toString() + " " + duplicate.get("score").asDouble());
                });

        assertThat(ids).containsExactly(byEmailAndPhone, byNameAndDob, byNameAndPostcode, byPhone);
        assertThat(reasons).containsExactly("[\"email\",\"phone\"] 0.96", "[\"name_dob\"] 0.8", "[\"name_postcode\"] 0.7", "[\"phone\"] 0.6");
    }

    @Test
    void atMostTen() {
        String phone = digits();
        for (int i = 0; i < 12; i++) {
            duplicates.create(Map.of("billing", Map.of("phone", Map.of("number", phone))));
        }

        assertThat(check(Map.of("shipping", Map.of("phone", Map.of("number", phone)))).body().get("data")).hasSize(10);
    }

    @Test
    void anotherCompanysAndErasedCustomersAreNeverAnswered() {
        String email = marker + "@example.test";
        ApiClient.company2(port).create(Map.of("email", email));
        String erased = duplicates.create(Map.of("email", email));
        assertThat(check(Map.of("email", email)).body().at("/data/0/customer_id").asText()).isEqualTo(erased);

        assertThat(duplicates.send("DELETE", "/v1/customers/" + erased, null, Map.of()).status()).isEqualTo(200);

        assertThat(check(Map.of("email", email)).body().get("data")).isEmpty();
    }

    @Test
    void theBodyIsCheckedAsACreatesIs() {
        ApiClient.assertInvalid(check(Map.of("email", "nope", "dob", "2999-01-01", "customer_id", "x")), "email", "dob", "customer_id");
        assertThat(duplicates.send("POST", "/v1/customers/duplicates", "[]", Map.of()).status()).isEqualTo(400);
        assertThat(duplicates.send("POST", "/v1/customers/duplicates", "{\"email\": ", Map.of()).status()).isEqualTo(400);
        assertThat(ApiClient.anonymous(port).post("/v1/customers/duplicates", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void itWritesNothing() {
        String key = UUID.randomUUID().toString();
        int before = duplicates.get("/v1/customers?limit=1").body().at("/meta/total").asInt();

        ApiClient.Response asked = duplicates.send("POST", "/v1/customers/duplicates/", "{\"email\": \"" + marker + "@example.test\"}",
                Map.of("Idempotency-Key", key));

        assertThat(asked.status()).isEqualTo(200);
        assertThat(duplicates.get("/v1/customers?limit=1").body().at("/meta/total").asInt()).isEqualTo(before);
        ApiClient.Response created = duplicates.send("POST", "/v1/customers", "{\"first_name\": \"Other\"}", Map.of("Idempotency-Key", key));
        assertThat(created.status()).as("the key was never recorded: a different body under it is no reuse").isEqualTo(201);
    }

    private ApiClient.Response check(Object body) {
        return duplicates.post("/v1/customers/duplicates", body);
    }

    /** Ten digits nobody else's phone has. */
    private static String digits() {
        return Long.toString(1_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 8_999_999_999L));
    }
}
