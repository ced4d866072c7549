package org.customerprofile.api.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.customerprofile.api.customer.CustomerField.BILLING_ADDRESS_CITY;
import static org.customerprofile.api.customer.CustomerField.BILLING_ADDRESS_COUNTRY_CODE;
import static org.customerprofile.api.customer.CustomerField.BILLING_ADDRESS_POSTCODE;
import static org.customerprofile.api.customer.CustomerField.FIRST_NAME;
import static org.customerprofile.api.customer.CustomerField.LAST_NAME;
import static org.customerprofile.api.customer.CustomerField.SHIPPING_ADDRESS_MATCH;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one fold of changes into a profile, and the changes a patch makes. */
class ProfileTest {

    private static final Profile JOHN = new Profile(Map.of(
            FIRST_NAME, "John", BILLING_ADDRESS_CITY, "London", BILLING_ADDRESS_COUNTRY_CODE, "GB", SHIPPING_ADDRESS_MATCH, true));

    @Test
    void aChangeSetsAField() {
        Profile after = JOHN.apply(Map.of(LAST_NAME, new FieldChange(null, "Smith")));

        assertThat(after.get(LAST_NAME)).isEqualTo("Smith");
        assertThat(after.get(FIRST_NAME)).isEqualTo("John");
    }

    @Test
    void aChangeToNullClearsTheField() {
        Profile after = JOHN.apply(Map.of(BILLING_ADDRESS_COUNTRY_CODE, new FieldChange("GB", null)));

        assertThat(after.values()).doesNotContainKey(BILLING_ADDRESS_COUNTRY_CODE);
    }

    @Test
    void changingOneFieldOfAnAddressKeepsItsOtherFields() {
        Profile after = JOHN.apply(Map.of(BILLING_ADDRESS_POSTCODE, new FieldChange(null, "E1 7RT")));

        assertThat(after.byPath()).containsEntry("billing.address.city", "London")
                .containsEntry("billing.address.country_code", "GB")
                .containsEntry("billing.address.postcode", "E1 7RT");
    }

    @Test
    void noChangesLeaveTheProfileAsItWas() {
        assertThat(JOHN.apply(Map.of())).isEqualTo(JOHN);
    }

    @Test
    void applyingLeavesTheOriginalUntouched() {
        JOHN.apply(Map.of(FIRST_NAME, new FieldChange("John", "Jon")));

        assertThat(JOHN.get(FIRST_NAME)).isEqualTo("John");
        assertThatThrownBy(() -> JOHN.values().put(LAST_NAME, "Smith")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aPatchChangesOnlyWhatDiffersWithOldAndNewValues() {
        Map<CustomerField, Object> patch = new HashMap<>();
        patch.put(FIRST_NAME, "Jon");
        patch.put(BILLING_ADDRESS_CITY, "London");
        patch.put(BILLING_ADDRESS_COUNTRY_CODE, null);
        patch.put(LAST_NAME, null);

        assertThat(JOHN.changesBy(patch)).containsExactly(
                Map.entry(FIRST_NAME, new FieldChange("John", "Jon")),
                Map.entry(BILLING_ADDRESS_COUNTRY_CODE, new FieldChange("GB", null)));
    }

    @Test
    void aPatchOfCurrentValuesChangesNothing() {
        assertThat(JOHN.changesBy(Map.of(FIRST_NAME, "John", SHIPPING_ADDRESS_MATCH, true))).isEmpty();
    }

    @Test
    void theChangesOfAPatchFoldBackIntoThePatchedProfile() {
        Map<CustomerField, Object> patch = new HashMap<>();
        patch.put(FIRST_NAME, "Jon");
        patch.put(SHIPPING_ADDRESS_MATCH, null);

        Profile after = JOHN.apply(JOHN.changesBy(patch));

        assertThat(after).isEqualTo(new Profile(Map.of(FIRST_NAME, "Jon", BILLING_ADDRESS_CITY, "London",
                BILLING_ADDRESS_COUNTRY_CODE, "GB")));
    }

    @Test
    void valuesAreKeptInFieldOrder() {
        Profile profile = new Profile(Map.of(SHIPPING_ADDRESS_MATCH, false, FIRST_NAME, "Zoë", BILLING_ADDRESS_CITY, "Leeds"));

        assertThat(profile.byPath().keySet()).containsExactly("first_name", "billing.address.city", "shipping.address_match");
    }

    @Test
    void aProfileHoldsNoNullsAndNoValuesOfTheWrongType() {
        Map<CustomerField, Object> withNull = new HashMap<>();
        withNull.put(FIRST_NAME, null);

        assertThatThrownBy(() -> new Profile(withNull)).isInstanceOf(NullPointerException.class).hasMessageContaining("first_name");
        assertThatThrownBy(() -> new Profile(Map.of(SHIPPING_ADDRESS_MATCH, "yes"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUpdateCommandRefusesAValueOfTheWrongTypeButTakesNullAsAClear() {
        Map<CustomerField, Object> clear = new HashMap<>();
        clear.put(FIRST_NAME, null);
        UUID id = UUID.randomUUID();

        assertThat(new UpdateCustomer(id, id, clear).patch()).containsEntry(FIRST_NAME, null);
        assertThatThrownBy(() -> new UpdateCustomer(id, id, Map.of(SHIPPING_ADDRESS_MATCH, "yes")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
