package org.customerprofile.query.customer;

import java.util.Arrays;
import java.util.List;
import org.customerprofile.api.customer.CustomerField;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The {@code filter} query parameter: comma-separated field paths ({@code a,b.c}); only those fields
 * are returned, nested paths keeping their nesting. Absent or empty means every field.
 */
public record CustomerFilter(String raw, List<String> paths) {

    /** No filter: every field. */
    static final CustomerFilter ALL = new CustomerFilter(null, List.of());

    /** The filter a {@link KnownFields} parameter asks for. */
    public static CustomerFilter of(String raw) {
        if (raw == null || raw.isBlank()) {
            return ALL;
        }
        if (!unknownPaths(raw).isEmpty()) {
            throw new IllegalArgumentException("a filter naming unknown fields reached a query: is @KnownFields missing?");
        }
        List<String> paths = pathsOf(raw);
        // MongoDB refuses a projection naming both a field and something inside it
        List<String> outermost = paths.stream()
                .filter(path -> paths.stream().noneMatch(other -> path.startsWith(other + ".")))
                .toList();
        return new CustomerFilter(raw, outermost);
    }

    /** The paths of {@code raw} that name no customer field, in the order given. */
    static List<String> unknownPaths(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return pathsOf(raw).stream().filter(path -> !CustomerField.isKnownPath(path)).toList();
    }

    private static List<String> pathsOf(String raw) {
        return Arrays.stream(raw.split(",")).map(String::strip).filter(path -> !path.isEmpty()).distinct().toList();
    }

    /** Whether the field at {@code path} (a leaf, or a read-only field) is to be shown. */
    public boolean selects(String path) {
        return paths.isEmpty() || paths.stream().anyMatch(selected -> path.equals(selected) || path.startsWith(selected + "."));
    }

    /**
     * Limits what MongoDB returns to the filtered fields, as {@link #selects} would; without a filter, to the
     * customer's fields (not the keys kept for searching and listing, the larger part of a document).
     */
    Query project(Query query) {
        if (paths.isEmpty()) {
            query.fields().exclude(CustomerDocument.SEARCH).exclude(CustomerDocument.REFERENCE_KEY);
            return query;
        }
        paths.forEach(path -> query.fields().include(CustomerDocument.storedPath(path)));
        if (!paths.contains("customer_id")) {
            query.fields().exclude(CustomerDocument.ID);
        }
        return query;
    }
}
