package org.customerprofile.web.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a create or update body into field values, or rejects it with every problem at once, sorted by
 * path: wrong JSON types, read-only or (when configured) unknown fields, and each field's rules from
 * the {@link CustomerField} catalogue. Empty strings count as not given; {@code null} clears a field on
 * update and is ignored on create. Shared: a duplicates check reads its body exactly as a create does.
 */
@Component
public class CustomerRequestReader {

    private static final Logger log = LoggerFactory.getLogger(CustomerRequestReader.class);

    private final boolean rejectUnknownFields;

    public CustomerRequestReader(ApiProperties api) {
        this.rejectUnknownFields = api.unknownFields() == ApiProperties.UnknownFields.REJECT;
    }

    /** The values of a new customer; absent and cleared fields are left out. */
    public Profile readCreate(JsonNode body) {
        Map<CustomerField, Object> values = read(body);
        values.values().removeIf(value -> value == null);
        return new Profile(values);
    }

    /** A merge patch as fields: a value sets the field, {@code null} clears it, absent fields stay. */
    public Map<CustomerField, Object> readUpdate(JsonNode body) {
        return read(body);
    }

    private Map<CustomerField, Object> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        Set<InvalidParameter> problems = new LinkedHashSet<>();
        Map<CustomerField, Object> values = new EnumMap<>(CustomerField.class);
        walk(body, "", problems, values);
        values.forEach((field, value) -> field.problems(value)
                .forEach(reason -> problems.add(new InvalidParameter(field.path(), reason))));
        if (!problems.isEmpty()) {
            List<InvalidParameter> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(InvalidParameter::parameter));
            throw ApiException.invalid(sorted);
        }
        return values;
    }

    private void walk(JsonNode object, String prefix, Set<InvalidParameter> problems, Map<CustomerField, Object> values) {
        object.fields().forEachRemaining(member -> {
            String path = prefix + member.getKey();
            JsonNode value = member.getValue();
            // a dotted name is no JSON member of ours: fields nest as objects
            boolean nameable = !member.getKey().contains(".");
            Optional<CustomerField> field = CustomerField.ofPath(path).filter(it -> nameable);
            List<CustomerField> inside = nameable ? CustomerField.inside(path) : List.of();
            if (prefix.isEmpty() && CustomerField.READ_ONLY.contains(path)) {
                problems.add(new InvalidParameter(path, "is read-only"));
            } else if (field.isPresent()) {
                read(field.get(), value, problems, values);
            } else if (inside.isEmpty()) {
                unknown(path, problems);
            } else if (value.isNull()) {
                // null for an object clears every field inside it
                inside.forEach(cleared -> values.put(cleared, null));
            } else if (value.isObject()) {
                walk(value, path + ".", problems, values);
            } else {
                problems.add(new InvalidParameter(path, "must be an object"));
            }
        });
    }

    private static void read(CustomerField field, JsonNode value, Set<InvalidParameter> problems, Map<CustomerField, Object> values) {
        if (value.isNull()) {
            values.put(field, null);
        } else if (field.type() == Boolean.class) {
            if (value.isBoolean()) {
                values.put(field, value.booleanValue());
            } else {
                problems.add(new InvalidParameter(field.path(), "must be true or false"));
            }
        } else if (!value.isTextual()) {
            problems.add(new InvalidParameter(field.path(), "must be a string"));
        } else {
            String text = field.normalized(value.textValue());
            if (!text.isEmpty()) {
                values.put(field, text);
            }
        }
    }

    private void unknown(String path, Set<InvalidParameter> problems) {
        if (rejectUnknownFields) {
            problems.add(new InvalidParameter(path, "is not a field of a customer"));
        } else {
            log.debug("ignoring unknown field {}", path);
        }
    }
}
