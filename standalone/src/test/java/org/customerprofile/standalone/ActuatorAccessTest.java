package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the actuator shows to whom: a stranger or a merchant sees health's status and nothing else
 * (no disk path, database, processor or read-model position); an operator app, by token or HTTP Basic,
 * sees the components; every other actuator endpoint, the index included, is the operators' alone.
 */
@StandaloneTest
class ActuatorAccessTest {

    private static final String OPERATOR_ID = "operator";
    private static final String OPERATOR_KEY = "key-of-the-operator-app-00000000";

    @LocalServerPort
    int port;
    ApiClient anonymous;
    ApiClient merchant;
    ApiClient operator;

    @BeforeEach
    void setUp() {
        anonymous = ApiClient.anonymous(port);
        merchant = ApiClient.company1(port);
        operator = anonymous.login(OPERATOR_ID, OPERATOR_KEY);
    }

    @Test
    void aStrangerAndAMerchantSeeOnlyTheStatus() {
        for (ApiClient caller : List.of(anonymous, merchant)) {
            ApiClient.Response health = caller.get("/actuator/health");

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).as(health.toString()).isEqualTo(ApiClient.json("{\"status\":\"UP\"}"));
        }
    }

    @Test
    void anOperatorSeesTheComponentsByTokenOrHttpBasic() {
        ApiClient.Response byBasic = anonymous.send("GET", "/actuator/health", null, Map.of("Authorization", basic(OPERATOR_ID, OPERATOR_KEY)));
        for (ApiClient.Response health : List.of(operator.get("/actuator/health"), byBasic)) {
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            JsonNode components = health.body().get("components");
            assertThat(components.at("/readModel/status").asText()).isEqualTo("UP");
            assertThat(components.at("/db/details/database").asText()).isEqualTo("PostgreSQL");
            assertThat(components.at("/diskSpace/details").has("free")).isTrue();
        }
    }

    @Test
    void theIndexAndEveryOtherEndpointAreRefusedToMerchantsAndStrangers() {
        for (String path : List.of("/actuator", "/actuator/", "/actuator/prometheus", "/actuator/env", "/actuator/beans")) {
            assertRefused(anonymous.get(path), 401, "unauthorized");
            assertRefused(merchant.get(path), 403, "forbidden");
            assertRefused(anonymous.send("GET", path, null, Map.of("Authorization", basic("company1", "key-of-company-one-0000000000000"))),
                    403, "forbidden");
        }
    }

    @Test
    void theIndexServesOperators() {
        ApiClient.Response index = operator.get("/actuator");

        assertThat(index.status()).as(index.toString()).isEqualTo(200);
        assertThat(index.body().at("/_links/health/href").asText()).endsWith("/actuator/health");
    }

    private static void assertRefused(ApiClient.Response response, int status, String errorType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body().get("status").asText()).isEqualTo("error");
        assertThat(response.body().get("error_type").asText()).isEqualTo(errorType);
        assertThat(response.body().has("_links")).isFalse();
    }

    private static String basic(String appId, String appKey) {
        return "Basic " + Base64.getEncoder().encodeToString((appId + ":" + appKey).getBytes(StandardCharsets.UTF_8));
    }
}
