package org.customerprofile.query.customer;

import java.util.List;
import java.util.Map;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.request.WholeNumbers;

/** The {@code limit} and {@code offset} of a paged list, read from the query as every list endpoint reads them. */
public record PageParameters(int limit, int offset) {

    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;

    /** Absent or blank values take their defaults; invalid ones are added to {@code problems}. */
    public static PageParameters parse(String limit, String offset, List<InvalidParameter> problems) {
        return new PageParameters((int) WholeNumbers.parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, problems),
                (int) WholeNumbers.parse("offset", offset, 0, 0, Integer.MAX_VALUE, problems));
    }

    /** The list's {@code meta} for a page of {@code count} items out of {@code total} at {@code path}. */
    public PageLinks meta(String path, String filter, Map<String, String> others, int count, long total) {
        return PageLinks.of(path, filter, others, count, offset, limit, total);
    }
}
