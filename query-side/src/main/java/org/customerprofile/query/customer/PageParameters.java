package org.customerprofile.query.customer;

import java.util.Map;

/** The {@code limit} and {@code offset} of a paged list, as every list endpoint takes them. */
public record PageParameters(int limit, int offset) {

    public static final String DEFAULT_LIMIT = "25";
    public static final long MAX_LIMIT = 100;

    /** From parameters their {@code @WholeNumber} constraints have checked. */
    public static PageParameters of(String limit, String offset) {
        return new PageParameters(Integer.parseInt(limit), Integer.parseInt(offset));
    }

    /** The list's {@code meta} for a page of {@code count} items out of {@code total} at {@code path}. */
    public PageLinks meta(String path, String filter, Map<String, String> others, int count, long total) {
        return PageLinks.of(path, filter, others, count, offset, limit, total);
    }
}
