package org.customerprofile.web.request;

import java.util.List;
import org.customerprofile.web.error.InvalidParameter;

/** Whole-number query parameters, read the one way every endpoint reads them. */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /**
     * {@code value} of parameter {@code name} within {@code min}..{@code max}; absent or blank is
     * {@code absent}; anything else adds a problem named after the parameter (and gives {@code absent}).
     */
    public static long parse(String name, String value, long absent, long min, long max, List<InvalidParameter> problems) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new InvalidParameter(name, max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                ? "must be a whole number of at least " + min
                : "must be a whole number from " + min + " to " + max));
        return absent;
    }
}
