package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.customerprofile.client.ApiClient;
import org.customerprofile.client.ApiException;
import org.customerprofile.client.api.AuthenticationApi;
import org.customerprofile.client.api.CustomersApi;
import org.customerprofile.client.model.Customer;
import org.customerprofile.client.model.CustomerBilling;
import org.customerprofile.client.model.CustomerBillingAddress;
import org.customerprofile.client.model.CustomerCreate;
import org.customerprofile.client.model.CustomerPage;
import org.customerprofile.client.model.CustomerUpdate;
import org.customerprofile.client.model.LoginRequest;
import org.customerprofile.client.model.LoginResponse;
import org.customerprofile.client.model.UpdateStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A merchant's view of the OpenAPI document: the Java client the build generates from it
 * ({@code org.customerprofile.client}, see the standalone pom) creates, retrieves with a filter,
 * updates and lists customers against the running service, with no hand-written HTTP.
 */
@StandaloneTest
class GeneratedClientTest {

    @LocalServerPort
    int port;

    @Test
    void createsRetrievesUpdatesAndListsThroughTheGeneratedClient() throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        LoginResponse login = new AuthenticationApi(client)
                .login(new LoginRequest().appId("company1").appKey("key-of-company-one-0000000000000"));
        client.setRequestInterceptor(request -> request.header("Authorization", login.getTokenType() + " " + login.getAccessToken()));
        CustomersApi customers = new CustomersApi(client);
        String reference = "client_" + UUID.randomUUID().toString().substring(0, 8);

        UUID id = customers.createCustomer(new CustomerCreate()
                .reference(reference)
                .firstName("Ada")
                .lastName("Lovelace")
                .billing(new CustomerBilling()
                        .email("ada@example.com")
                        .address(new CustomerBillingAddress().city("London").countryCode("gb"))), null).getCustomerId();

        Customer filtered = customers.retrieveCustomer(id.toString(), "first_name,billing.address", null, null);
        assertThat(filtered.getFirstName()).isEqualTo("Ada");
        assertThat(filtered.getBilling().getAddress().getCountryCode()).as("upper-case out").isEqualTo("GB");
        assertThat(filtered.getLastName()).as("not in the filter").isNull();
        assertThat(filtered.getCustomerId()).as("not in the filter").isNull();

        UpdateStatus updated = customers.updateCustomer(id.toString(), new CustomerUpdate().lastName("Byron"), null);
        assertThat(updated.getStatus()).isEqualTo(UpdateStatus.StatusEnum.SUCCESS);

        // the reference and, as a search, the new last name ignoring case
        CustomerPage page = customers.listCustomers(null, 10, 0, null, null, null, null, "BYRON", null, null, null, reference);
        assertThat(page.getMeta().getTotal()).isEqualTo(1L);
        Customer listed = page.getData().get(0);
        assertThat(listed.getCustomerId()).isEqualTo(id);
        assertThat(listed.getLastName()).isEqualTo("Byron");
        assertThat(listed.getFirstName()).as("left out of the update, so unchanged").isEqualTo("Ada");
        assertThat(listed.getBilling().getEmail()).isEqualTo("ada@example.com");
    }
}
