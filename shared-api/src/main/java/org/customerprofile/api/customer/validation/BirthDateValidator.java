package org.customerprofile.api.customer.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

public class BirthDateValidator implements ConstraintValidator<BirthDate, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            // ISO_LOCAL_DATE resolves strictly: 2023-02-30 is rejected, not rolled over
            return !LocalDate.parse(value).isAfter(LocalDate.now(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
