package org.customerprofile.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import java.io.IOException;
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
 * The personal values in a stored customer event, in the JSON form events are stored in. All personal values of
 * one event are sealed together, in one AES-256-GCM ciphertext under the customer's data key, and kept in one
 * member {@code personal} beside what is not personal:
 *
 * <pre>
 * {"customerId": "…", "companyId": "…", "profile": {"shipping.address_match": true},
 *  "personal": {"paths": ["first_name", "email"], "enc": "&lt;base64&gt;"}}
 * </pre>
 *
 * The ciphertext opens to a JSON object of the personal fields by path, each holding what the plain event holds
 * there: a creation's value ({@code {"first_name": "Grace", "email": "grace@example.com"}}), an update's change
 * ({@code {"last_name": {"previous": "O'Brien", "current": null}}}); the profile or changes keep only the fields
 * that are not personal. {@code paths} names the sealed fields in plain, in the order the event holds them, so
 * an erased event still says which fields it set or changed. The associated data is {@code <customer id>
 * |<created or updated>|<fields, comma-separated>}: a ciphertext moved to another customer or another kind of
 * event, or given another list of fields, does not open. (The stored payload holds no event id to bind to; a
 * ciphertext swapped between two events of the same customer, kind and fields would open — only someone who
 * can rewrite the event table could do that, and they could as well delete the events.) An event without
 * personal values has no {@code personal} member and needs no key.
 *
 * <p>Two earlier forms still read: each personal value sealed on its own as {@code {"enc": "<base64>"}} in its
 * place, with {@code <customer id>/<field path>} as associated data (written by builds before the sealed form,
 * never released), and plain values (events stored before encryption, or inserted by tests as such a store
 * holds them).
 */
public final class PersonalValues {

    static final String SEALED = "personal";
    static final String SEALED_FIELDS = "paths";
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
     * {@code payload} with its plain personal values sealed into its {@code personal} member. A payload already
     * encrypted, in either form, is left as it is (so a second pass changes nothing). {@code key} is asked only
     * when there is a value to encrypt.
     */
    public static ObjectNode encrypt(String payloadType, ObjectNode payload, Function<UUID, Aead> key) {
        Kind kind = Kind.of(payloadType);
        ObjectNode values = kind.values(payload, false);
        if (values == null || payload.has(SEALED) || holdsCiphertext(kind, values)) {
            return payload;
        }
        List<String> fields = personalPaths(values);
        if (fields.isEmpty()) {
            return payload;
        }
        ObjectNode personal = JSON.createObjectNode();
        fields.forEach(path -> personal.set(path, values.remove(path)));
        UUID customerId = customerId(payload);
        ObjectNode sealed = payload.putObject(SEALED);
        ArrayNode names = sealed.putArray(SEALED_FIELDS);
        fields.forEach(names::add);
        sealed.put(CIPHERTEXT, BASE64.encodeToString(seal(key.apply(customerId), personal, associatedData(customerId, kind, fields))));
        return payload;
    }

    /**
     * {@code payload} with its personal values opened, in the plain form. Without a key (the customer is erased)
     * each personal value becomes absent or {@code null} and the payload says so: {@code erasedFields} of a
     * creation names the fields, an update is marked {@code erased}.
     *
     * @throws IllegalStateException when a ciphertext does not open with the customer's key (tampered or moved)
     */
    public static ObjectNode decrypt(String payloadType, ObjectNode payload, Function<UUID, Optional<Aead>> key) {
        Kind kind = Kind.of(payloadType);
        return payload.get(SEALED) instanceof ObjectNode sealed
                ? open(kind, payload, sealed, key)
                : PerValueForm.decrypt(kind == Kind.CREATED, payload, slots(kind, payload), key);
    }

    private static ObjectNode open(Kind kind, ObjectNode payload, ObjectNode sealed, Function<UUID, Optional<Aead>> key) {
        payload.remove(SEALED);
        List<String> fields = new ArrayList<>();
        sealed.path(SEALED_FIELDS).forEach(name -> fields.add(name.asText()));
        UUID customerId = customerId(payload);
        ObjectNode values = kind.values(payload, true);
        Optional<Aead> aead = key.apply(customerId);
        if (aead.isPresent()) {
            JsonNode opened = open(aead.get(), sealed.path(CIPHERTEXT).asText(), associatedData(customerId, kind, fields));
            for (String path : fields) {
                values.set(path, opened.get(path));
            }
        } else if (kind == Kind.CREATED) {
            ArrayNode erased = payload.putArray(ERASED_FIELDS);
            fields.forEach(erased::add);
        } else {
            fields.forEach(path -> values.putObject(path).putNull("previous").putNull("current"));
            payload.put(ERASED, true);
        }
        return payload;
    }

    /** Whether {@code value} is a personal value encrypted on its own (the per-value form). */
    static boolean isCiphertext(JsonNode value) {
        return value != null && value.isObject() && value.size() == 1 && value.path(CIPHERTEXT).isTextual();
    }

    private static boolean holdsCiphertext(Kind kind, ObjectNode values) {
        for (JsonNode value : values) {
            if (kind == Kind.CREATED ? isCiphertext(value) : isCiphertext(value.get("previous")) || isCiphertext(value.get("current"))) {
                return true;
            }
        }
        return false;
    }

    private static UUID customerId(ObjectNode payload) {
        return UUID.fromString(payload.get("customerId").asText());
    }

    static byte[] associatedData(UUID customerId, Kind kind, List<String> fields) {
        return (customerId + "|" + kind.label + "|" + String.join(",", fields)).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] seal(Aead aead, JsonNode value, byte[] associatedData) {
        try {
            return aead.encrypt(JSON.writeValueAsBytes(value), associatedData);
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot encrypt personal values", e);
        }
    }

    static JsonNode open(Aead aead, String ciphertext, byte[] associatedData) {
        try {
            return JSON.readTree(aead.decrypt(BASE64_DECODER.decode(ciphertext), associatedData));
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("personal values do not open with their customer's key", e);
        }
    }

    /** The paths of {@code byPath}'s personal fields, in its order. */
    private static List<String> personalPaths(ObjectNode byPath) {
        List<String> paths = new ArrayList<>();
        for (Iterator<String> names = byPath.fieldNames(); names.hasNext(); ) {
            String path = names.next();
            // a path that names no field is left for deserialization to refuse, never silently kept plain
            if (CustomerField.ofPath(path).filter(CustomerField::personal).isPresent()) {
                paths.add(path);
            }
        }
        return paths;
    }

    /** Where an event's values sit: a creation's profile, an update's changes. */
    enum Kind {
        CREATED("created"),
        UPDATED("updated");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String payloadType) {
            if (CustomerCreated.class.getName().equals(payloadType)) {
                return CREATED;
            }
            if (CustomerUpdated.class.getName().equals(payloadType)) {
                return UPDATED;
            }
            throw new IllegalArgumentException("not a customer event with values: " + payloadType);
        }

        /**
         * The object of values by field path: a creation's {@code profile} (named {@code fields} in the first stored
         * shape, which dead letters may still hold), an update's {@code changes}; created when missing and asked to.
         */
        ObjectNode values(ObjectNode payload, boolean create) {
            String name = this == UPDATED ? "changes" : payload.has("profile") || !payload.has("fields") ? "profile" : "fields";
            JsonNode values = payload.get(name);
            if (values instanceof ObjectNode object) {
                return object;
            }
            return create ? payload.putObject(name) : null;
        }
    }

    /** Where personal values sit in the per-value form: each value of a creation's profile, each side of an update's change. */
    private static List<Slot> slots(Kind kind, ObjectNode payload) {
        List<Slot> slots = new ArrayList<>();
        ObjectNode values = kind.values(payload, false);
        if (values == null) {
            return slots;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = values.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Optional<CustomerField> field = CustomerField.ofPath(entry.getKey()).filter(CustomerField::personal);
            if (field.isEmpty()) {
                continue;
            }
            if (kind == Kind.CREATED) {
                slots.add(new Slot(values, entry.getKey(), field.get(), true));
            } else if (entry.getValue() instanceof ObjectNode change) {
                slots.add(new Slot(change, "previous", field.get(), false));
                slots.add(new Slot(change, "current", field.get(), false));
            }
        }
        return slots;
    }

    /** One value's place in the payload; {@code removable}: erasing it removes the entry instead of nulling it. */
    record Slot(ObjectNode parent, String name, CustomerField field, boolean removable) {

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
}
