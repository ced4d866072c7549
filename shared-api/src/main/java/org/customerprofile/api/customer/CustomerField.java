package org.customerprofile.api.customer;

import static org.customerprofile.api.customer.FieldRule.format;
import static org.customerprofile.api.customer.FieldRule.length;
import static org.customerprofile.api.customer.FieldRule.pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every writable field of a customer, in the order the API shows them: the one place a field is defined
 * (JSON path, type, rules, whether it is personal data, how it is searched). Profiles, patches and
 * changes are keyed by these constants; stored and published events name them by {@link #path()}.
 */
public enum CustomerField {
    REFERENCE("reference", pattern(50, "[A-Za-z0-9_.,-]*", "may contain only letters, digits and _ - . ,"),
            Search.REFERENCE, Search.TEXT),
    FIRST_NAME("first_name", pattern(50, SharedRules.PATTERN, SharedRules.REASON), Search.NAME, Search.TEXT),
    LAST_NAME("last_name", pattern(50, SharedRules.PATTERN, SharedRules.REASON), Search.NAME, Search.TEXT),
    DOB("dob", format(null, Format.DATE)),
    IP("ip", format(null, Format.IP)),
    CUSTOM_DATA("custom_data", format(2048, Format.BASE64)),
    EMAIL("email", format(254, Format.EMAIL), Search.EMAIL, Search.TEXT),

    BILLING_ADDRESS_LINE_1("billing.address.line_1", length(null, 50)),
    BILLING_ADDRESS_LINE_2("billing.address.line_2", length(null, 50)),
    BILLING_ADDRESS_CITY("billing.address.city", length(1, 40), Search.TEXT),
    BILLING_ADDRESS_POSTCODE("billing.address.postcode", length(1, 40), Search.POSTCODE, Search.TEXT),
    BILLING_ADDRESS_STATE("billing.address.state", pattern(3, SharedRules.STATE, SharedRules.STATE_REASON)),
    BILLING_ADDRESS_COUNTRY_CODE("billing.address.country_code", format(null, Format.COUNTRY_CODE)),
    BILLING_EMAIL("billing.email", format(254, Format.EMAIL), Search.EMAIL, Search.TEXT),
    BILLING_PHONE_COUNTRY_CODE("billing.phone.country_code", pattern(null, "\\d{1,3}", "must be 1 to 3 digits"), Search.PHONE),
    BILLING_PHONE_NUMBER("billing.phone.number", pattern(null, "\\d{0,15}", "must be at most 15 digits"), Search.PHONE),

    SHIPPING_ADDRESS_MATCH("shipping.address_match",
            new FieldRule(null, null, null, Format.BOOLEAN, "true means the shipping address is the billing address")),
    SHIPPING_ADDRESS_LINE_1("shipping.address.line_1", length(null, 50)),
    SHIPPING_ADDRESS_LINE_2("shipping.address.line_2", length(null, 50)),
    SHIPPING_ADDRESS_CITY("shipping.address.city", length(1, 40), Search.TEXT),
    SHIPPING_ADDRESS_POSTCODE("shipping.address.postcode", length(1, 40), Search.POSTCODE, Search.TEXT),
    SHIPPING_ADDRESS_STATE("shipping.address.state", pattern(3, SharedRules.STATE, SharedRules.STATE_REASON)),
    SHIPPING_ADDRESS_COUNTRY_CODE("shipping.address.country_code", format(null, Format.COUNTRY_CODE)),
    SHIPPING_EMAIL("shipping.email", format(254, Format.EMAIL), Search.EMAIL, Search.TEXT),
    SHIPPING_PHONE_COUNTRY_CODE("shipping.phone.country_code", pattern(null, "\\d{1,3}", "must be 1 to 3 digits"), Search.PHONE),
    SHIPPING_PHONE_NUMBER("shipping.phone.number", pattern(null, "\\d{0,15}", "must be at most 15 digits"), Search.PHONE);

    /** Assigned by the service, never written by a client: a request that sends one is rejected. */
    public static final List<String> READ_ONLY = List.of("customer_id", "company_id", "created", "last_updated");

    private static final Map<String, CustomerField> BY_PATH =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(CustomerField::path, Function.identity()));

    private final String path;
    private final FieldRule rule;
    private final Set<Search> search;
    private final Pattern pattern;

    CustomerField(String path, FieldRule rule, Search... search) {
        this.path = path;
        this.rule = rule;
        this.search = search.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(search[0], search));
        this.pattern = rule.pattern() == null ? null : Pattern.compile(rule.pattern());
    }

    /** The JSON dotted path, such as {@code billing.address.country_code}; how events store the field. */
    @JsonValue
    public String path() {
        return path;
    }

    /** {@code Boolean} for {@code shipping.address_match}, {@code String} for every other field. */
    public Class<?> type() {
        return rule.format() == Format.BOOLEAN ? Boolean.class : String.class;
    }

    /** Whether the field holds personal data: everything but whether shipping matches billing. */
    public boolean personal() {
        return this != SHIPPING_ADDRESS_MATCH;
    }

    /** How the field is searched; empty when it is not. */
    public Set<Search> search() {
        return search;
    }

    public FieldRule rule() {
        return rule;
    }

    /** The first reason {@code value} breaks the field's rules, in the contract's words; empty when it is fine or null. */
    public Optional<String> problem(Object value) {
        return problems(value).stream().findFirst();
    }

    /** Every reason {@code value} breaks the field's rules: lengths, then the pattern, then the format. */
    public List<String> problems(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!type().isInstance(value)) {
            return List.of(type() == Boolean.class ? "must be true or false" : "must be a string");
        }
        if (!(value instanceof String text)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        int min = rule.minLength() == null ? 0 : rule.minLength();
        int max = rule.maxLength() == null ? Integer.MAX_VALUE : rule.maxLength();
        if (text.length() < min || text.length() > max) {
            // Bean Validation's wording, which clients have seen since the first release
            problems.add("size must be between " + min + " and " + max);
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            problems.add(rule.description());
        }
        if (!rule.format().accepts(text)) {
            problems.add(rule.format().reason());
        }
        return problems;
    }

    /**
     * A value as the service keeps it, from a string a client sent: codes in upper case, the reference
     * without surrounding white space; anything else as given.
     */
    public String normalized(String given) {
        return switch (this) {
            case REFERENCE -> given.strip();
            case BILLING_ADDRESS_STATE, SHIPPING_ADDRESS_STATE, BILLING_ADDRESS_COUNTRY_CODE, SHIPPING_ADDRESS_COUNTRY_CODE,
                    BILLING_PHONE_COUNTRY_CODE, SHIPPING_PHONE_COUNTRY_CODE -> given.toUpperCase(Locale.ROOT);
            default -> given;
        };
    }

    /** The field at a dotted path; empty for a read-only field, an object or a name that is no field. */
    public static Optional<CustomerField> ofPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** For stored events: a path that names no field is an error, never a silently dropped value. */
    @JsonCreator
    static CustomerField fromJson(String path) {
        return ofPath(path).orElseThrow(() -> new IllegalArgumentException("not a customer field: " + path));
    }

    /** The fields inside the object at {@code path} ({@code billing}, {@code billing.address}); empty if it is none. */
    public static List<CustomerField> inside(String path) {
        return Arrays.stream(values()).filter(field -> field.path.startsWith(path + ".")).toList();
    }

    /** A path a client may name in {@code filter}: a read-only field, a field, or an object holding fields. */
    public static boolean isKnownPath(String path) {
        return READ_ONLY.contains(path) || BY_PATH.containsKey(path) || !inside(path).isEmpty();
    }

    /** Values by dotted path → nested JSON objects, in the order the values are given. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> nest(Map<String, ?> values) {
        Map<String, Object> nested = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            String[] names = path.split("\\.");
            Map<String, Object> object = nested;
            for (int i = 0; i < names.length - 1; i++) {
                object = (Map<String, Object>) object.computeIfAbsent(names[i], name -> new LinkedHashMap<>());
            }
            object.put(names[names.length - 1], value);
        });
        return nested;
    }

    /** Rules two or more fields share; a nested class because an enum's constants cannot read its own constants. */
    private static final class SharedRules {
        static final String PATTERN = "[\\p{L}\\p{M} '.-]*";
        static final String REASON = "may contain only letters, spaces and ' - .";
        static final String STATE = "[A-Z0-9]*";
        static final String STATE_REASON = "must be an ISO 3166-2 subdivision code";
    }
}
