package org.customerprofile.api.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Typed profiles and changes are written as they always were: objects keyed by the fields' dotted paths. */
class StoredFormTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID CUSTOMER = UUID.fromString("6646caaf-b9c1-4642-a1f2-c0976a5d8d3f");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");

    @Test
    void aCreationIsWrittenWithDottedPathsAndReadBackTyped() throws Exception {
        CustomerCreated created = new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(
                CustomerField.FIRST_NAME, "Zoë", CustomerField.BILLING_ADDRESS_COUNTRY_CODE, "GB",
                CustomerField.SHIPPING_ADDRESS_MATCH, false)));

        String written = JSON.writeValueAsString(created);

        assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree("""
                {"customerId": "6646caaf-b9c1-4642-a1f2-c0976a5d8d3f", "companyId": "11111111-1111-4111-8111-111111111111",
                 "profile": {"first_name": "Zoë", "billing.address.country_code": "GB", "shipping.address_match": false}}"""));
        assertThat(JSON.readValue(written, CustomerCreated.class)).isEqualTo(created);
    }

    @Test
    void anUpdateIsWrittenWithDottedPathsAndReadBackTyped() throws Exception {
        CustomerUpdated updated = new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                CustomerField.LAST_NAME, new FieldChange("O'Brien", null),
                CustomerField.SHIPPING_ADDRESS_MATCH, new FieldChange(false, true)));

        String written = JSON.writeValueAsString(updated);

        assertThat(JSON.readTree(written).get("changes")).isEqualTo(JSON.readTree("""
                {"last_name": {"previous": "O'Brien", "current": null},
                 "shipping.address_match": {"previous": false, "current": true}}"""));
        assertThat(JSON.readValue(written, CustomerUpdated.class)).isEqualTo(updated);
    }

    @Test
    void aStoredPathThatNamesNoFieldFailsToLoadRatherThanBeDropped() {
        String stored = """
                {"customerId": "6646caaf-b9c1-4642-a1f2-c0976a5d8d3f", "companyId": "11111111-1111-4111-8111-111111111111",
                 "profile": {"first_name": "Zoë", "favourite_colour": "green"}}""";

        assertThatThrownBy(() -> JSON.readValue(stored, CustomerCreated.class)).hasMessageContaining("favourite_colour");
    }

    @Test
    void aStoredValueOfTheWrongTypeFailsToLoad() {
        String stored = """
                {"customerId": "6646caaf-b9c1-4642-a1f2-c0976a5d8d3f", "companyId": "11111111-1111-4111-8111-111111111111",
                 "profile": {"shipping.address_match": "yes"}}""";

        assertThatThrownBy(() -> JSON.readValue(stored, CustomerCreated.class)).hasMessageContaining("shipping.address_match");
    }

    @Test
    void fieldsAreWrittenInFieldOrder() throws Exception {
        Profile profile = new Profile(Map.of(CustomerField.SHIPPING_EMAIL, "s@example.com", CustomerField.REFERENCE, "r-1",
                CustomerField.BILLING_EMAIL, "b@example.com"));

        JsonNode written = JSON.readTree(JSON.writeValueAsString(profile));

        assertThat(written.fieldNames()).toIterable().containsExactly("reference", "billing.email", "shipping.email");
    }
}
