package org.customerprofile.web.request;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link WholeNumber}; the reason names the allowed range as the contract words it. */
public class WholeNumberValidator implements ConstraintValidator<WholeNumber, String> {

    private long min;
    private long max;

    @Override
    public void initialize(WholeNumber constraint) {
        min = constraint.min();
        max = constraint.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return true;
            }
        } catch (NumberFormatException e) {
            // not a number at all: the same reason as one out of range
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(max == Long.MAX_VALUE || max == Integer.MAX_VALUE
                        ? "must be a whole number of at least {min}"
                        : "must be a whole number from {min} to {max}")
                .addConstraintViolation();
        return false;
    }
}
