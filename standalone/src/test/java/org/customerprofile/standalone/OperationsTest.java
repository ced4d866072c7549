package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator and a newcomer reach without credentials: health's status and the API's documentation. */
@StandaloneTest
class OperationsTest {

    @LocalServerPort
    int port;

    @Test
    void healthIsUpOnceTheReadModelHasCaughtUp() {
        ApiClient.Response health = ApiClient.anonymous(port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        // the components are an operator's to see (ActuatorAccessTest)
        ApiClient operator = ApiClient.anonymous(port).login("operator", "key-of-the-operator-app-00000000");
        assertThat(operator.get("/actuator/health").body().at("/components/readModel/status").asText()).isEqualTo("UP");
    }

    @Test
    void publishesTheOpenApiDocument() {
        ApiClient.Response docs = ApiClient.anonymous(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().at("/paths").has("/v1/customers")).isTrue();
        assertThat(docs.body().at("/paths").has("/v1/customers/{customerId}")).isTrue();
        assertThat(docs.body().at("/paths").has("/v1/login")).isTrue();
    }

    @Test
    void servesTheBrowsableUi() {
        assertThat(ApiClient.anonymous(port).send("GET", "/swagger-ui/index.html", null, java.util.Map.of()).status())
                .isEqualTo(200);
    }
}
