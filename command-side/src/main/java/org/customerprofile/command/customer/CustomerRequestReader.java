package org.customerprofile.command.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.customerprofile.api.customer.CustomerFields;
import org.customerprofile.api.customer.CustomerProfile;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.request.ApiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a create or update body into leaf values by dotted path, or rejects it with every problem at
 * once: wrong JSON types, read-only or (when configured) unknown fields, and the field table's rules.
 * Empty strings count as not given; {@code null} clears a field on update and is ignored on create.
 */
@Component
class CustomerRequestReader {

    private static final Logger log = LoggerFactory.getLogger(CustomerRequestReader.class);
    private static final List<String> UPPER_CASE = List.of("country_code", "state");

    private final Validator validator;
    private final boolean rejectUnknownFields;
    private final ObjectMapper binder = new ObjectMapper().setPropertyNamingStrategy(new PropertyNamingStrategies.NamingBase() {
        @Override
        public String translate(String javaName) {
            return CustomerFields.jsonName(javaName);
        }
    });

    CustomerRequestReader(Validator validator, ApiProperties api) {
        this.validator = validator;
        this.rejectUnknownFields = api.unknownFields() == ApiProperties.UnknownFields.REJECT;
    }

    /** Leaf values of a new customer; absent and cleared fields are left out. */
    Map<String, Object> readCreate(JsonNode body) {
        Map<String, Object> values = read(body);
        values.values().removeIf(value -> value == null);
        return values;
    }

    /** A merge patch as leaves: a value sets the leaf, {@code null} clears it, absent leaves stay. */
    Map<String, Object> readUpdate(JsonNode body) {
        return read(body);
    }

    private Map<String, Object> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        List<InvalidParameter> problems = new ArrayList<>();
        Map<String, Object> leaves = new LinkedHashMap<>();
        walk(body, "", problems, leaves);
        problems.addAll(violationsOf(leaves));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(InvalidParameter::parameter));
            throw ApiException.invalid(problems);
        }
        return leaves;
    }

    private void walk(JsonNode object, String prefix, List<InvalidParameter> problems, Map<String, Object> leaves) {
        Class<?> type = CustomerFields.objectAt(stripDot(prefix)).orElseThrow();
        object.fields().forEachRemaining(field -> {
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            Optional<Class<?>> fieldType = CustomerFields.componentType(type, field.getKey());
            if (prefix.isEmpty() && CustomerFields.READ_ONLY.contains(path)) {
                problems.add(new InvalidParameter(path, "is read-only"));
            } else if (fieldType.isEmpty()) {
                unknown(path, problems);
            } else if (value.isNull()) {
                clear(path, fieldType.get(), leaves);
            } else if (fieldType.get().isRecord()) {
                if (value.isObject()) {
                    walk(value, path + ".", problems, leaves);
                } else {
                    problems.add(new InvalidParameter(path, "must be an object"));
                }
            } else if (fieldType.get() == Boolean.class) {
                if (value.isBoolean()) {
                    leaves.put(path, value.booleanValue());
                } else {
                    problems.add(new InvalidParameter(path, "must be true or false"));
                }
            } else if (!value.isTextual()) {
                problems.add(new InvalidParameter(path, "must be a string"));
            } else {
                String text = normalized(path, value.textValue());
                if (!text.isEmpty()) {
                    leaves.put(path, text);
                }
            }
        });
    }

    private void unknown(String path, List<InvalidParameter> problems) {
        if (rejectUnknownFields) {
            problems.add(new InvalidParameter(path, "is not a field of a customer"));
        } else {
            log.debug("ignoring unknown field {}", path);
        }
    }

    /** {@code null} for an object clears every leaf under it. */
    private static void clear(String path, Class<?> type, Map<String, Object> leaves) {
        if (type.isRecord()) {
            CustomerFields.LEAVES.keySet().stream()
                    .filter(leaf -> leaf.startsWith(path + "."))
                    .forEach(leaf -> leaves.put(leaf, null));
        } else {
            leaves.put(path, null);
        }
    }

    private static String normalized(String path, String value) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (UPPER_CASE.contains(name)) {
            return value.toUpperCase(Locale.ROOT);
        }
        return path.equals("reference") ? value.strip() : value;
    }

    private List<InvalidParameter> violationsOf(Map<String, Object> leaves) {
        Map<String, Object> given = new LinkedHashMap<>(leaves);
        given.values().removeIf(value -> value == null);
        CustomerProfile profile = binder.convertValue(CustomerFields.nest(given), CustomerProfile.class);
        return validator.validate(profile).stream()
                .map(violation -> new InvalidParameter(jsonPath(violation), violation.getMessage()))
                .distinct()
                .toList();
    }

    private static String jsonPath(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(Path.Node::getName)
                .map(CustomerFields::jsonName)
                .collect(Collectors.joining("."));
    }

    private static String stripDot(String prefix) {
        return prefix.isEmpty() ? prefix : prefix.substring(0, prefix.length() - 1);
    }
}
