package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A company never sees, changes or learns of another company's customers. */
@StandaloneTest
class TenantIsolationTest {

    @LocalServerPort
    int port;
    ApiClient company1;
    ApiClient company2;
    String customerOfCompany1;
    String reference;

    @BeforeEach
    void setUp() {
        company1 = ApiClient.company1(port);
        company2 = ApiClient.company2(port);
        reference = "tenant_" + UUID.randomUUID();
        customerOfCompany1 = company1.create(Map.of("reference", reference, "first_name", "Alice"));
    }

    @Test
    void anotherCompanysCustomerIsNotFoundExactlyLikeAMissingOne() {
        ApiClient.Response foreign = company2.get("/v1/customers/" + customerOfCompany1);
        ApiClient.Response missing = company2.get("/v1/customers/00000000-0000-4000-8000-000000000000");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(ApiClient.json(missing.body().toString()
                .replace("00000000-0000-4000-8000-000000000000", customerOfCompany1)));
    }

    @Test
    void anotherCompanyCannotUpdateIt() {
        ApiClient.Response update = company2.put("/v1/customers/" + customerOfCompany1, Map.of("first_name", "Mallory"));

        assertThat(update.status()).isEqualTo(404);
        assertThat(company1.get("/v1/customers/" + customerOfCompany1).body().get("first_name").asText()).isEqualTo("Alice");
    }

    @Test
    void anotherCompanysListDoesNotContainIt() {
        company2.create(Map.of("reference", reference, "first_name", "Bob"));

        JsonNode page = company2.get("/v1/customers?reference=" + reference + "&limit=100").body();

        assertThat(page.get("data")).isNotEmpty().allSatisfy(customer -> {
            assertThat(customer.get("company_id").asText()).isEqualTo(ApiClient.COMPANY_2);
            assertThat(customer.get("customer_id").asText()).isNotEqualTo(customerOfCompany1);
        });
    }

    @Test
    void companyIdInTheBodyIsRefusedNotObeyed() {
        ApiClient.Response create = company2.post("/v1/customers", Map.of("company_id", ApiClient.COMPANY_1, "first_name", "Eve"));

        assertThat(create.status()).isEqualTo(400);
        assertThat(create.body().at("/invalid_parameters/0/parameter").asText()).isEqualTo("company_id");
    }

    @Test
    void companyIdHeaderNamingAnotherCompanyIsForbidden() {
        ApiClient.Response read = company2.send("GET", "/v1/customers/" + customerOfCompany1, null,
                Map.of("Company-Id", ApiClient.COMPANY_1));

        assertThat(read.status()).isEqualTo(403);
        assertThat(read.body().get("error_type").asText()).isEqualTo("forbidden");
    }
}
