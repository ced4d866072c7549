package org.customerprofile.api.customer;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer's JSON fields by dotted path, derived from {@link CustomerProfile} so the record stays
 * the single definition. Leaves hold strings, except {@code shipping.address_match}, a boolean.
 */
public final class CustomerFields {

    /** Assigned by the service; a request that sends them is rejected. */
    public static final List<String> READ_ONLY = List.of("customer_id", "company_id", "created", "last_updated");

    /** Every writable leaf, dotted path to its Java type, in the order the API shows them. */
    public static final Map<String, Class<?>> LEAVES = Collections.unmodifiableMap(leavesOf(CustomerProfile.class, ""));

    private CustomerFields() {
    }

    /** {@code countryCode} → {@code country_code}, {@code line1} → {@code line_1}. */
    public static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z])([A-Z0-9])", "$1_$2").toLowerCase();
    }

    /** A path a client may name in {@code filter}: a read-only field, a leaf, or an object holding leaves. */
    public static boolean isKnownPath(String path) {
        return READ_ONLY.contains(path) || LEAVES.keySet().stream()
                .anyMatch(leaf -> leaf.equals(path) || leaf.startsWith(path + "."));
    }

    /** Leaves by dotted path → nested JSON objects, in the order the leaves are given. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> nest(Map<String, ?> leaves) {
        Map<String, Object> nested = new LinkedHashMap<>();
        leaves.forEach((path, value) -> {
            String[] names = path.split("\\.");
            Map<String, Object> object = nested;
            for (int i = 0; i < names.length - 1; i++) {
                object = (Map<String, Object>) object.computeIfAbsent(names[i], name -> new LinkedHashMap<>());
            }
            object.put(names[names.length - 1], value);
        });
        return nested;
    }

    /** The record type of the object at {@code path} ("" is the profile itself), if it is one. */
    public static Optional<Class<?>> objectAt(String path) {
        Class<?> type = CustomerProfile.class;
        if (path.isEmpty()) {
            return Optional.of(type);
        }
        for (String name : path.split("\\.")) {
            Optional<Class<?>> child = componentType(type, name);
            if (child.isEmpty() || !child.get().isRecord()) {
                return Optional.empty();
            }
            type = child.get();
        }
        return Optional.of(type);
    }

    /** The Java type of the field {@code name} of record {@code type}, by JSON name. */
    public static Optional<Class<?>> componentType(Class<?> type, String name) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (jsonName(component.getName()).equals(name)) {
                return Optional.of(component.getType());
            }
        }
        return Optional.empty();
    }

    private static Map<String, Class<?>> leavesOf(Class<?> type, String prefix) {
        Map<String, Class<?>> leaves = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix + jsonName(component.getName());
            if (component.getType().isRecord()) {
                leaves.putAll(leavesOf(component.getType(), path + "."));
            } else {
                leaves.put(path, component.getType());
            }
        }
        return leaves;
    }
}
