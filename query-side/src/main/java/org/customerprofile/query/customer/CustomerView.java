package org.customerprofile.query.customer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;

/**
 * The customer object as the API shows it, whether read from the read model or folded from the event
 * store: one rendering, so a past state and the current one look alike field for field.
 *
 * @param profile the writable fields' values
 */
public record CustomerView(String customerId, String companyId, Profile profile, Instant created, Instant lastUpdated) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Every timestamp the API shows: ISO 8601 in UTC, to the millisecond. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** In the contract's field order, nested, limited to the fields {@code filter} selects. */
    public Map<String, Object> toApi(CustomerFilter filter) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        putIfPresent(leaves, "customer_id", customerId);
        putIfPresent(leaves, "company_id", companyId);
        leaves.putAll(profile.byPath());
        putIfPresent(leaves, "created", created == null ? null : timestamp(created));
        putIfPresent(leaves, "last_updated", lastUpdated == null ? null : timestamp(lastUpdated));
        leaves.keySet().removeIf(path -> !filter.selects(path));
        return CustomerField.nest(leaves);
    }

    private static void putIfPresent(Map<String, Object> leaves, String path, Object value) {
        if (value != null) {
            leaves.put(path, value);
        }
    }
}
