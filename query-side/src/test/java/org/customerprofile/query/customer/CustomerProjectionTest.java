package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.Profile;
import org.junit.jupiter.api.Test;

/** How events become read documents and MongoDB updates, without MongoDB. */
class CustomerProjectionTest {

    private static final UUID CUSTOMER = UUID.fromString("6646caaf-b9c1-4642-a1f2-c0976a5d8d3f");
    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aCreatedCustomerIsNestedAsTheApiShowsItWithItsReferenceKey() {
        Document document = CustomerProjection.document(new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(
                CustomerField.REFERENCE, " Order-7", CustomerField.BILLING_ADDRESS_CITY, "Leeds"))), 0, AT);

        assertThat(document.get("reference")).isEqualTo(" Order-7");
        assertThat(document.get("reference_key")).isEqualTo("order-7");
        assertThat(document.get("billing")).isEqualTo(Map.of("address", Map.of("city", "Leeds")));
    }

    @Test
    void aCustomerWithoutReferenceHasNoKey() {
        Document document = CustomerProjection.document(new CustomerCreated(CUSTOMER, COMPANY, Profile.EMPTY), 0, AT);

        assertThat(document).doesNotContainKey("reference_key");
    }

    @Test
    void changesBecomeSetsAndUnsetsByPathAndTheReferenceKeyFollows() {
        Document update = CustomerProjection.update(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                CustomerField.REFERENCE, new FieldChange("Order-7", "ORDER-8"),
                CustomerField.BILLING_ADDRESS_CITY, new FieldChange("Leeds", null))), 3, AT).getUpdateObject();

        assertThat(update.get("$set", Document.class)).containsEntry("reference", "ORDER-8").containsEntry("reference_key", "order-8")
                .containsEntry("sequence", 3L);
        assertThat(update.get("$unset", Document.class)).containsOnlyKeys("billing.address.city");
    }

    @Test
    void aClearedReferenceTakesItsKeyAlong() {
        Document update = CustomerProjection.update(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                CustomerField.REFERENCE, new FieldChange("Order-7", null))), 3, AT).getUpdateObject();

        assertThat(update.get("$unset", Document.class)).containsOnlyKeys("reference", "reference_key");
    }

    @Test
    void otherChangesLeaveTheReferenceKeyAlone() {
        Document update = CustomerProjection.update(new CustomerUpdated(CUSTOMER, COMPANY, Map.of(
                CustomerField.FIRST_NAME, new FieldChange(null, "Zoë"))), 3, AT).getUpdateObject();

        assertThat(update.get("$set", Document.class)).doesNotContainKey("reference_key");
        assertThat(update).doesNotContainKey("$unset");
    }

    @Test
    void aCreatedCustomerCarriesItsSearchKeys() {
        Document document = CustomerProjection.document(new CustomerCreated(CUSTOMER, COMPANY, new Profile(Map.of(
                CustomerField.FIRST_NAME, "Zoë", CustomerField.EMAIL, "Zoe@Example.com",
                CustomerField.BILLING_PHONE_COUNTRY_CODE, "44", CustomerField.BILLING_PHONE_NUMBER, "7911123456"))), 0, AT);

        assertThat(document.get("search", Document.class))
                .containsEntry("emails", java.util.List.of("zoe@example.com"))
                .containsEntry("phones", java.util.List.of("447911123456", "7911123456"))
                .containsEntry("first_name", "zoe")
                .containsEntry("words", java.util.List.of("com", "example", "zoe", "zoeexamplecom"));
    }
}
