package org.customerprofile.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;

/**
 * The personal values in a stored customer event, in the JSON form events are stored in: each value of a field
 * whose {@link CustomerField#personal()} is true becomes {@code {"enc": "<base64 ciphertext>"}} under the
 * customer's data key, with the customer id and the field path as associated data (a ciphertext moved to
 * another customer or field does not open). A personal value is never a JSON object, so the form is
 * unambiguous; a plain value (an event stored before encryption) reads as it is.
 */
public final class PersonalValues {

    static final String CIPHERTEXT = "enc";
    static final String ERASED_FIELDS = "erasedFields";
    static final String ERASED = "erased";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private PersonalValues() {
    }

    /** Whether events of this stored type name can hold personal values. */
    public static boolean mayHoldPersonalValues(String payloadType) {
        return CustomerCreated.class.getName().equals(payloadType) || CustomerUpdated.class.getName().equals(payloadType);
    }

    /**
     * {@code payload} with every plain personal value encrypted; values already encrypted are left alone (so a
     * second pass changes nothing). {@code key} is asked only when there is a value to encrypt.
     */
    public static ObjectNode encrypt(String payloadType, ObjectNode payload, Function<UUID, Aead> key) {
        UUID customerId = UUID.fromString(payload.get("customerId").asText());
        Lazy<Aead> aead = new Lazy<>(() -> key.apply(customerId));
        for (Slot slot : slots(payloadType, payload)) {
            JsonNode value = slot.get();
            if (value != null && !value.isNull() && !isCiphertext(value)) {
                slot.set(JSON.createObjectNode().put(CIPHERTEXT, BASE64.encodeToString(
                        seal(aead.get(), value, associatedData(customerId, slot.field)))));
            }
        }
        return payload;
    }

    /**
     * {@code payload} with every encrypted value opened. Without a key (the customer is erased) each encrypted
     * value becomes absent or {@code null} and the payload says so: {@code erasedFields} of a creation names
     * the fields, an update is marked {@code erased}.
     *
     * @throws IllegalStateException when a ciphertext does not open with the customer's key (tampered or moved)
     */
    public static ObjectNode decrypt(String payloadType, ObjectNode payload, Function<UUID, Optional<Aead>> key) {
        UUID customerId = UUID.fromString(payload.get("customerId").asText());
        Lazy<Optional<Aead>> aead = new Lazy<>(() -> key.apply(customerId));
        List<String> erased = new ArrayList<>();
        for (Slot slot : slots(payloadType, payload)) {
            JsonNode value = slot.get();
            if (value == null || !isCiphertext(value)) {
                continue;
            }
            if (aead.get().isPresent()) {
                slot.set(open(aead.get().get(), value, associatedData(customerId, slot.field)));
            } else {
                slot.erase();
                if (!erased.contains(slot.field.path())) {
                    erased.add(slot.field.path());
                }
            }
        }
        if (!erased.isEmpty()) {
            if (CustomerCreated.class.getName().equals(payloadType)) {
                ArrayNode fields = payload.putArray(ERASED_FIELDS);
                erased.forEach(fields::add);
            } else {
                payload.put(ERASED, true);
            }
        }
        return payload;
    }

    /** Whether {@code value} is an encrypted value. */
    static boolean isCiphertext(JsonNode value) {
        return value.isObject() && value.size() == 1 && value.path(CIPHERTEXT).isTextual();
    }

    private static byte[] seal(Aead aead, JsonNode value, byte[] associatedData) {
        try {
            return aead.encrypt(JSON.writeValueAsBytes(value), associatedData);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot encrypt a personal value", e);
        }
    }

    private static JsonNode open(Aead aead, JsonNode ciphertext, byte[] associatedData) {
        try {
            return JSON.readTree(aead.decrypt(BASE64_DECODER.decode(ciphertext.get(CIPHERTEXT).asText()), associatedData));
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a personal value does not open with its customer's key", e);
        }
    }

    static byte[] associatedData(UUID customerId, CustomerField field) {
        return (customerId + "/" + field.path()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Where personal values sit: a creation's profile (named {@code fields} in the first stored shape), an
     * update's {@code previous} and {@code current} per changed field.
     */
    private static List<Slot> slots(String payloadType, ObjectNode payload) {
        List<Slot> slots = new ArrayList<>();
        if (CustomerCreated.class.getName().equals(payloadType)) {
            JsonNode profile = payload.has("profile") ? payload.get("profile") : payload.get("fields");
            if (profile instanceof ObjectNode values) {
                personalEntries(values).forEach(field -> slots.add(new Slot(values, field.path(), field, true)));
            }
        } else if (CustomerUpdated.class.getName().equals(payloadType)) {
            if (payload.get("changes") instanceof ObjectNode changes) {
                for (CustomerField field : personalEntries(changes)) {
                    if (changes.get(field.path()) instanceof ObjectNode change) {
                        slots.add(new Slot(change, "previous", field, false));
                        slots.add(new Slot(change, "current", field, false));
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("not a customer event with values: " + payloadType);
        }
        return slots;
    }

    private static List<CustomerField> personalEntries(ObjectNode byPath) {
        List<CustomerField> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = byPath.fields(); entries.hasNext(); ) {
            // a path that names no field is left for deserialization to refuse, never silently kept plain
            CustomerField.ofPath(entries.next().getKey())
                    .filter(CustomerField::personal)
                    .ifPresentOrElse(fields::add, () -> { });
        }
        return fields;
    }

    /** One value's place in the payload; {@code removable}: erasing it removes the entry instead of nulling it. */
    private static final class Slot {
        final ObjectNode parent;
        final String name;
        final CustomerField field;
        final boolean removable;

        Slot(ObjectNode parent, String name, CustomerField field, boolean removable) {
            this.parent = parent;
            this.name = name;
            this.field = field;
            this.removable = removable;
        }

        JsonNode get() {
            return parent.get(name);
        }

        void set(JsonNode value) {
            parent.set(name, value);
        }

        void erase() {
            if (removable) {
                parent.remove(name);
            } else {
                parent.putNull(name);
            }
        }
    }

    private static final class Lazy<T> {
        private final java.util.function.Supplier<T> supplier;
        private T value;

        Lazy(java.util.function.Supplier<T> supplier) {
            this.supplier = supplier;
        }

        T get() {
            if (value == null) {
                value = supplier.get();
            }
            return value;
        }
    }
}
