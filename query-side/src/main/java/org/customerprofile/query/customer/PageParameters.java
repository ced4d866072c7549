package org.customerprofile.query.customer;

import java.util.List;
import java.util.Map;
import org.customerprofile.web.error.InvalidParameter;

/** The {@code limit} and {@code offset} of a paged list, read from the query as every list endpoint reads them. */
public record PageParameters(int limit, int offset) {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    /** Absent or blank values take their defaults; invalid ones are added to {@code problems}. */
    public static PageParameters parse(String limit, String offset, List<InvalidParameter> problems) {
        return new PageParameters(number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, problems),
                number("offset", offset, 0, 0, Integer.MAX_VALUE, problems));
    }

    /** The list's {@code meta} for a page of {@code count} items out of {@code total} at {@code path}. */
    public PageLinks meta(String path, String filter, Map<String, String> others, int count, long total) {
        return PageLinks.of(path, filter, others, count, offset, limit, total);
    }

    private static int number(String name, String value, int absent, int min, int max, List<InvalidParameter> problems) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new InvalidParameter(name, max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return absent;
    }
}
