package org.customerprofile.api.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A customer's field values, absent fields left out, in field order; immutable. The one fold of
 * changes into a state ({@link #apply}) that the aggregate, the history and the reference checks share.
 * Stored as an object of dotted paths to values, as events have always stored a profile.
 */
public record Profile(Map<CustomerField, Object> values) {

    public static final Profile EMPTY = new Profile(Map.of());

    /** @throws IllegalArgumentException for a {@code null} value or one of the wrong type */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Profile {
        values.forEach((field, value) -> field.requireType(Objects.requireNonNull(value, field::path)));
        values = inFieldOrder(values);
    }

    @JsonValue
    @Override
    public Map<CustomerField, Object> values() {
        return values;
    }

    /** The field's value, or {@code null} when it is absent. */
    public Object get(CustomerField field) {
        return values.get(field);
    }

    /** The values by dotted path, in field order. */
    public Map<String, Object> byPath() {
        Map<String, Object> byPath = new LinkedHashMap<>();
        values.forEach((field, value) -> byPath.put(field.path(), value));
        return byPath;
    }

    /**
     * What {@code patch} changes, each changed field with its value before and after, in field order:
     * a value sets a field, {@code null} clears it, a field the patch leaves out or sets to its current
     * value does not change.
     */
    public Map<CustomerField, FieldChange> changesBy(Map<CustomerField, ?> patch) {
        Map<CustomerField, FieldChange> changes = new EnumMap<>(CustomerField.class);
        patch.forEach((field, value) -> {
            Object previous = values.get(field);
            if (!Objects.equals(previous, value)) {
                changes.put(field, new FieldChange(previous, value));
            }
        });
        return Collections.unmodifiableMap(changes);
    }

    /** This profile after {@code changes}: a change to {@code null} clears the field. */
    public Profile apply(Map<CustomerField, FieldChange> changes) {
        Map<CustomerField, Object> after = new EnumMap<>(CustomerField.class);
        after.putAll(values);
        changes.forEach((field, change) -> {
            if (change.current() == null) {
                after.remove(field);
            } else {
                after.put(field, change.current());
            }
        });
        return new Profile(after);
    }

    /** An unmodifiable copy ordered as the fields are; keeps {@code null} values (a patch's clears). */
    static <V> Map<CustomerField, V> inFieldOrder(Map<CustomerField, ? extends V> map) {
        Map<CustomerField, V> ordered = new EnumMap<>(CustomerField.class);
        ordered.putAll(map);
        return Collections.unmodifiableMap(ordered);
    }
}
