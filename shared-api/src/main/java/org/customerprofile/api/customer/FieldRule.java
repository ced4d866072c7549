package org.customerprofile.api.customer;

/**
 * What a customer field accepts, as data: lengths count UTF-16 characters as Java's {@link String#length}
 * does ({@code null}: no bound), {@code pattern} must match the whole value, {@code format} adds a check
 * of its own. {@code description} is the reason a client is given when the pattern or the format is
 * broken, in the contract's words; {@code null} for a field that has neither.
 */
public record FieldRule(Integer minLength, Integer maxLength, String pattern, Format format, String description) {

    static FieldRule length(Integer minLength, int maxLength) {
        return new FieldRule(minLength, maxLength, null, Format.TEXT, null);
    }

    static FieldRule pattern(Integer maxLength, String pattern, String description) {
        return new FieldRule(null, maxLength, pattern, Format.TEXT, description);
    }

    static FieldRule format(Integer maxLength, Format format) {
        return new FieldRule(null, maxLength, null, format, format.reason());
    }
}
