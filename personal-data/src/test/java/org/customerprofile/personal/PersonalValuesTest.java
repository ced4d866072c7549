package org.customerprofile.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
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
    void sealsEveryPersonalValueOfACreationInOneCiphertextAndOpensItAgain() throws Exception {
        ObjectNode plain = creation(CUSTOMER);

        ObjectNode sealed = PersonalValues.encrypt(CREATED, plain.deepCopy(), id -> key);

        assertThat(sealed.toString()).doesNotContain("Grace", "grace@example.com");
        assertThat(sealed.get("profile")).as("only what is not personal stays plain").isEqualTo(JSON.readTree("{\"shipping.address_match\": true}"));
        assertThat(sealed.at("/personal/paths")).isEqualTo(JSON.readTree("[\"first_name\", \"email\"]"));
        assertThat(sealed.at("/personal/enc").isTextual()).isTrue();
        assertThat(PersonalValues.decrypt(CREATED, sealed, id -> Optional.of(key))).isEqualTo(plain);
    }

    @Test
    void sealsTheChangesOfPersonalFieldsOfAnUpdateAndKeepsNulls() throws Exception {
        ObjectNode plain = (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "companyId": "%s",
                 "changes": {"last_name": {"previous": "Brewster", "current": null},
                             "shipping.address_match": {"previous": false, "current": true}}}""".formatted(CUSTOMER, OTHER));

        ObjectNode sealed = PersonalValues.encrypt(UPDATED, plain.deepCopy(), id -> key);

        assertThat(sealed.get("changes")).isEqualTo(JSON.readTree("{\"shipping.address_match\": {\"previous\": false, \"current\": true}}"));
        assertThat(sealed.at("/personal/paths")).isEqualTo(JSON.readTree("[\"last_name\"]"));
        assertThat(sealed.toString()).doesNotContain("Brewster");
        assertThat(PersonalValues.decrypt(UPDATED, sealed, id -> Optional.of(key))).isEqualTo(plain);
    }

    @Test
    void anEventWithoutPersonalValuesIsLeftPlainWithoutAKey() throws Exception {
        ObjectNode plain = (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "changes": {"shipping.address_match": {"previous": false, "current": true}}}""".formatted(CUSTOMER));

        ObjectNode sealed = PersonalValues.encrypt(UPDATED, plain.deepCopy(), id -> {
            throw new AssertionError("no key needed");
        });

        assertThat(sealed).isEqualTo(plain);
        assertThat(PersonalValues.decrypt(UPDATED, sealed.deepCopy(), id -> Optional.empty())).as("not marked erased").isEqualTo(plain);
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
        ObjectNode updated = PersonalValues.decrypt(UPDATED, PersonalValues.encrypt(UPDATED, update(CUSTOMER), id -> key), id -> Optional.empty());

        assertThat(created).isEqualTo(JSON.readTree("""
                {"customerId": "%s", "companyId": "%s", "profile": {"shipping.address_match": true},
                 "erasedFields": ["first_name", "email"]}""".formatted(CUSTOMER, OTHER)));
        assertThat(updated).isEqualTo(JSON.readTree("""
                {"customerId": "%s", "changes": {"email": {"previous": null, "current": null},
                 "shipping.address_match": {"previous": false, "current": true}}, "erased": true}""".formatted(CUSTOMER)));
    }

    @Test
    void aTamperedOrMovedCiphertextDoesNotOpen() throws Exception {
        ObjectNode sealed = PersonalValues.encrypt(CREATED, creation(CUSTOMER), id -> key);
        ObjectNode movedToOther = creation(OTHER);
        ((ObjectNode) movedToOther.get("profile")).removeAll();
        movedToOther.set("personal", sealed.get("personal").deepCopy());
        ObjectNode fieldsRenamed = sealed.deepCopy();
        fieldsRenamed.with("personal").putArray("paths").add("last_name").add("email");
        ObjectNode movedToAnUpdate = update(CUSTOMER);
        movedToAnUpdate.set("personal", sealed.get("personal").deepCopy());
        ObjectNode flipped = sealed.deepCopy();
        byte[] ciphertext = Base64.getDecoder().decode(sealed.at("/personal/enc").asText());
        ciphertext[ciphertext.length - 1] ^= 1;
        flipped.with("personal").put("enc", Base64.getEncoder().encodeToString(ciphertext));

        // every customer has a key of its own; the same key here shows the associated data alone refuses the move
        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, movedToOther, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, fieldsRenamed, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalValues.decrypt(UPDATED, movedToAnUpdate, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, flipped, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, sealed.deepCopy(), id -> Optional.of(DataKeys.aead(new byte[] {
                1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))))
                .as("another customer's key").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theEarlierPerValueFormStillReadsAndIsNotSealedAgain() throws Exception {
        ObjectNode perValue = creation(CUSTOMER);
        perValue.with("profile").set("first_name", perValueCiphertext(CUSTOMER, CustomerField.FIRST_NAME, "\"Grace\""));
        perValue.with("profile").set("email", perValueCiphertext(CUSTOMER, CustomerField.EMAIL, "\"grace@example.com\""));
        ObjectNode perValueUpdate = update(CUSTOMER);
        perValueUpdate.with("changes").set("email", JSON.createObjectNode()
                .set("previous", perValueCiphertext(CUSTOMER, CustomerField.EMAIL, "\"a@example.com\"")));
        ((ObjectNode) perValueUpdate.at("/changes/email")).set("current", perValueCiphertext(CUSTOMER, CustomerField.EMAIL, "\"b@example.com\""));

        assertThat(PersonalValues.encrypt(CREATED, perValue.deepCopy(), id -> key)).as("already encrypted").isEqualTo(perValue);
        assertThat(PersonalValues.decrypt(CREATED, perValue.deepCopy(), id -> Optional.of(key))).isEqualTo(creation(CUSTOMER));
        assertThat(PersonalValues.decrypt(UPDATED, perValueUpdate.deepCopy(), id -> Optional.of(key))).isEqualTo(update(CUSTOMER));
        assertThat(PersonalValues.decrypt(CREATED, perValue.deepCopy(), id -> Optional.empty()).get("erasedFields"))
                .isEqualTo(JSON.readTree("[\"first_name\", \"email\"]"));
        assertThat(PersonalValues.decrypt(UPDATED, perValueUpdate.deepCopy(), id -> Optional.empty()).get("erased").booleanValue()).isTrue();
        ObjectNode swapped = perValue.deepCopy();
        swapped.with("profile").set("email", perValue.at("/profile/first_name"));
        assertThatThrownBy(() -> PersonalValues.decrypt(CREATED, swapped, id -> Optional.of(key))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFirstStoredShapeOfACreationIsSealedInPlace() throws Exception {
        ObjectNode firstShape = (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "companyId": "%s", "fields": {"first_name": "Grace"}}""".formatted(CUSTOMER, OTHER));

        ObjectNode sealed = PersonalValues.encrypt(CREATED, firstShape.deepCopy(), id -> key);

        assertThat(sealed.get("fields")).isEqualTo(JSON.createObjectNode());
        assertThat(sealed.has("profile")).isFalse();
        assertThat(PersonalValues.decrypt(CREATED, sealed, id -> Optional.of(key))).isEqualTo(firstShape);
    }

    private JsonNode perValueCiphertext(UUID customerId, CustomerField field, String json) throws Exception {
        byte[] ciphertext = PersonalValues.seal(key, JSON.readTree(json), PerValueForm.associatedData(customerId, field));
        return JSON.createObjectNode().put("enc", Base64.getEncoder().encodeToString(ciphertext));
    }

    private static ObjectNode creation(UUID customerId) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "companyId": "%s",
                 "profile": {"first_name": "Grace", "email": "grace@example.com", "shipping.address_match": true}}""".formatted(customerId, OTHER));
    }

    private static ObjectNode update(UUID customerId) throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"customerId": "%s", "changes": {"email": {"previous": "a@example.com", "current": "b@example.com"},
                 "shipping.address_match": {"previous": false, "current": true}}}""".formatted(customerId));
    }
}
