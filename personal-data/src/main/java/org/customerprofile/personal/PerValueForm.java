package org.customerprofile.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.customerprofile.api.customer.CustomerField;

/**
 * Reads the form builds before the sealed one wrote (never released, but in stores those builds wrote): each
 * personal value encrypted on its own, {@code {"enc": "<base64>"}} in the value's place, with {@code <customer
 * id>/<field path>} as associated data. A plain value (an event stored before encryption) reads as it is.
 */
final class PerValueForm {

    private PerValueForm() {
    }

    static ObjectNode decrypt(boolean creation, ObjectNode payload, List<PersonalValues.Slot> slots, Function<UUID, Optional<Aead>> key) {
        UUID customerId = UUID.fromString(payload.get("customerId").asText());
        Optional<Aead> aead = null;
        List<String> erased = new ArrayList<>();
        for (PersonalValues.Slot slot : slots) {
            JsonNode value = slot.get();
            if (!PersonalValues.isCiphertext(value)) {
                continue;
            }
            if (aead == null) {
                aead = key.apply(customerId);
            }
            if (aead.isPresent()) {
                slot.set(PersonalValues.open(aead.get(), value.get(PersonalValues.CIPHERTEXT).asText(), associatedData(customerId, slot.field())));
            } else {
                slot.erase();
                if (!erased.contains(slot.field().path())) {
                    erased.add(slot.field().path());
                }
            }
        }
        if (!erased.isEmpty()) {
            if (creation) {
                ArrayNode fields = payload.putArray(PersonalValues.ERASED_FIELDS);
                erased.forEach(fields::add);
            } else {
                payload.put(PersonalValues.ERASED, true);
            }
        }
        return payload;
    }

    static byte[] associatedData(UUID customerId, CustomerField field) {
        return (customerId + "/" + field.path()).getBytes(StandardCharsets.UTF_8);
    }
}
