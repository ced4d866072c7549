package org.customerprofile.query.customer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.SearchKeys;

/**
 * The list's search parameters, in the contract's order (the order links carry them in): what each matches,
 * and what makes a value bad. A blank value is no search. Values are checked against the field catalogue's
 * rules where a parameter matches a field, so a search cannot ask for what no customer can hold.
 */
enum SearchParameter {
    EMAIL("email", "exactly, ignoring case: the top-level email, billing.email or shipping.email", "email"),
    PHONE("phone", "digits only (anything else is ignored): a billing or shipping phone's country_code and number "
            + "together, or its number", null),
    POSTCODE("postcode", "billing or shipping postcode, ignoring case and spaces (e17rt finds E1 7RT)", null),
    FIRST_NAME("first_name", "the whole first name, ignoring case and accents (zoe finds Zoë)", null),
    LAST_NAME("last_name", "the whole last name, ignoring case and accents", null),
    Q("q", "free text: every whitespace-separated term (2+ characters) begins, ignoring case and accents, a word of "
            + "the first or last name, an email, the reference, a postcode or a city; a term's letters and digits "
            + "separated by other characters each begin a word (o'ne finds O'Neil, ada@exa finds ada@example.com)", null),
    CREATED_FROM("created_from", "customers created at or after this instant", "date-time"),
    CREATED_TO("created_to", "customers created before this instant", "date-time"),
    REFERENCE("reference", "the reference, compared as uniqueness compares it: trimmed, ignoring case", null);

    static final int MAX_TERMS = 10;
    static final int MAX_Q_LENGTH = 200;
    /** A country code's 3 digits and a number's 15. */
    static final int MAX_PHONE_DIGITS = 18;
    static final String INSTANT_REASON = "must be an ISO 8601 date-time with an offset, such as 2025-01-31T09:30:00Z";

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final String parameter;
    private final String description;
    private final String format;

    SearchParameter(String parameter, String description, String format) {
        this.parameter = parameter;
        this.description = description;
        this.format = format;
    }

    /** The query parameter's name. */
    String parameter() {
        return parameter;
    }

    /** What it matches, for the OpenAPI document. */
    String description() {
        return description;
    }

    /** The OpenAPI string format of its values, or {@code null}. */
    String format() {
        return format;
    }

    /** The parameter named {@code name}, if it is a search parameter. */
    static Optional<SearchParameter> named(String name) {
        return Arrays.stream(values()).filter(it -> it.parameter.equals(name)).findFirst();
    }

    /** Why {@code value} cannot be searched for; empty when it can, or when it is blank (no search). */
    Optional<String> problem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String given = value.strip();
        return switch (this) {
            case EMAIL -> CustomerField.EMAIL.problem(given);
            case PHONE -> {
                int digits = SearchKeys.digits(given).length();
                yield digits >= 1 && digits <= MAX_PHONE_DIGITS ? Optional.empty()
                        : Optional.of("must contain 1 to " + MAX_PHONE_DIGITS + " digits");
            }
            case POSTCODE -> CustomerField.BILLING_ADDRESS_POSTCODE.problem(given);
            case FIRST_NAME -> CustomerField.FIRST_NAME.problem(given);
            case LAST_NAME -> CustomerField.LAST_NAME.problem(given);
            case Q -> termsProblem(given);
            case CREATED_FROM, CREATED_TO -> instant(given).isPresent() ? Optional.empty() : Optional.of(INSTANT_REASON);
            case REFERENCE -> CustomerField.REFERENCE.problem(given);
        };
    }

    /** The terms of a {@code q} value: its whitespace-separated parts. */
    static String[] terms(String q) {
        return SPACES.split(q.strip());
    }

    static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> termsProblem(String q) {
        if (q.length() > MAX_Q_LENGTH) {
            return Optional.of("must be at most " + MAX_Q_LENGTH + " characters");
        }
        String[] terms = terms(q);
        if (terms.length > MAX_TERMS) {
            return Optional.of("must have at most " + MAX_TERMS + " terms");
        }
        for (String term : terms) {
            if (term.codePointCount(0, term.length()) < 2) {
                return Optional.of("every term must have at least 2 characters");
            }
            if (SearchKeys.prefixesOf(term).isEmpty()) {
                return Optional.of("every term must contain a letter or a digit");
            }
        }
        return Optional.empty();
    }
}
