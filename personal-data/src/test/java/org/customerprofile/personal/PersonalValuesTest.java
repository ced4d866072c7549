package org.customerprofile.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.util.Optional;
import java.util.UUID;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.junit.jupiter.api.Test;

class PersonalValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED = CustomerCreated.class.getName();
    private static final String UPDATED = CustomerUpdated.class.getName();
    private static final UUID CUSTOMER = UUID.fromString("6646caaf-b9c1-4642-a1f2-c0976a5d8d3f");
    private static final UUID OTHER = UUID.fromString("5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5");

    private final Aead key = DataKeys.aead(new byte[32]);

    @Test
    void encryptsEveryPersonalValueOfACreationAndOpensItAgain() throws Exception {
        ObjectNode plain = creation(CUSTOMER);

        ObjectNode sealed = PersonalValues.encrypt(CREATED, plain.deepCopy(), id -> key);

        assertThat(sealed.toString()).doesNotContain("Grace", "grace@example.com");
        assertThat(PersonalValues.isCiphertext(sealed.at("/profile/first_name"))).isTrue();
        assertThat(sealed.at("/profile/shipping.address_match").booleanValue()).as("not personal: stays plain").isTrue();
        assertThat(PersonalValues.decrypt(CREATED, sealed, id -> Optional.of(key))).isEqualTo(plain);
    }

    @Test
    void encryptsBothSidesOfAnUpdateAndKeepsNulls() throws Exception {
        ObjectNode plain = (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "companyId": "%s",
                 "changes": {"last_name": {"previous": "Brewster", "current": null}}}""".formatted(CUSTOMER, OTHER));

        ObjectNode sealed = PersonalValues.encrypt(UPDATED, plain.deepCopy(), id -> key);

        assertThat(sealed.at("/changes/last_name/current").isNull()).isTrue();
        assertThat(sealed.toString()).doesNotContain("Brewster");
        assertThat(PersonalValues.decrypt(UPDATED, sealed, id -> Optional.of(key))).isEqualTo(plain);
    }

    @Test
    void encryptingTwiceChangesNothingAndPlainValuesReadAsTheyAre() throws Exception {
        ObjectNode sealed = PersonalValues.encrypt(CREATED, creation(CUSTOMER), id -> key);

        assertThat(PersonalValues.encrypt(CREATED, sealed.deepCopy(), id -> key)).isEqualTo(sealed);
        assertThat(PersonalValues.decrypt(CREATED, creation(CUSTOMER), id -> Optional.empty())).isEqualTo(creation(CUSTOMER));
    }

    @Test
    void withoutTheKeyValuesAreErasedAndTheEventSaysSo() throws Exception {
        ObjectNode created = PersonalValues.decrypt(CREATED, PersonalValues.encrypt(CREATED, creation(CUSTOMER), id -> key), id -> Optional.empty());
        ObjectNode updated = PersonalValues.decrypt(UPDATED, PersonalValues.encrypt(UPDATED, (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "changes": {"email": {"previous": "a@example.com", "current": "b@example.com"}}}""".formatted(CUSTOMER)),
                id -> key), id -> Optional.empty());

        assertThat(created.get("profile")).isEqualTo(JSON.readTree("{\"shipping.address_match\": true}"));
        assertThat(created.get("erasedFields")).isEqualTo(JSON.readTree("[\"first_name\", \"email\"]"));
        assertThat(updated.at("/changes/email")).isEqualTo(JSON.readTree("{\"previous\": null, \"current\": null}"));
        assertThat(updated.get("erased").booleanValue()).isTrue();
    }

    @Test
    void aCiphertextMovedToAnotherCustomerOrFieldDoesNotOpen() throws Exception {
        ObjectNode sealed = PersonalValues.encrypt(CREATED, creation(CUSTOMER), id -> key);
        ObjectNode moved = creation(OTHER);
        moved.with("profile").set("first_name", sealed.at("/profile/first_name"));
        ObjectNode swapped = sealed.deepCopy();
        swapped.with("profile").set("email", sealed.at("/profile/first_name"));

        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, moved, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, swapped, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
    }

    private static ObjectNode creation(UUID customerId) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "companyId": "%s",
                 "profile": {"first_name": "Grace", "email": "grace@example.com", "shipping.address_match": true}}""".formatted(customerId, OTHER));
    }
}
