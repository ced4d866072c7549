package org.customerprofile.query.customer;

import java.util.Arrays;
import java.util.List;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.web.error.InvalidParameter;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The {@code filter} query parameter: comma-separated field paths ({@code a,b.c}); only those fields
 * are returned, nested paths keeping their nesting. Absent or empty means every field.
 */
public record CustomerFilter(String raw, List<String> paths) {

    /** No filter: every field. */
    static final CustomerFilter ALL = new CustomerFilter(null, List.of());

    /** The filter, or {@code null} after adding to {@code problems} why it cannot be used. */
    public static CustomerFilter parse(String raw, List<InvalidParameter> problems) {
        if (raw == null || raw.isBlank()) {
            return ALL;
        }
        List<String> paths = Arrays.stream(raw.split(",")).map(String::strip).filter(path -> !path.isEmpty()).distinct().toList();
        List<String> unknown = paths.stream().filter(path -> !CustomerField.isKnownPath(path)).toList();
        if (!unknown.isEmpty()) {
            problems.add(new InvalidParameter("filter", "names unknown fields: " + String.join(", ", unknown)));
            return null;
        }
        // MongoDB refuses a projection naming both a field and something inside it
        List<String> outermost = paths.stream()
                .filter(path -> paths.stream().noneMatch(other -> path.startsWith(other + ".")))
                .toList();
        return new CustomerFilter(raw, outermost);
    }

    /** Whether the field at {@code path} (a leaf, or a read-only field) is to be shown. */
    public boolean selects(String path) {
        return paths.isEmpty() || paths.stream().anyMatch(selected -> path.equals(selected) || path.startsWith(selected + "."));
    }

    /** Limits what MongoDB returns to the filtered fields, as {@link #selects} would. */
    Query project(Query query) {
        if (!paths.isEmpty()) {
            paths.forEach(path -> query.fields().include(CustomerDocument.storedPath(path)));
            if (!paths.contains("customer_id")) {
                query.fields().exclude(CustomerDocument.ID);
            }
        }
        return query;
    }
}
