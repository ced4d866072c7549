package org.customerprofile.query.customer;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks {@link KnownFields}; the reason lists the unknown paths. */
public class KnownFieldsValidator implements ConstraintValidator<KnownFields, String> {

    @Override
    public boolean isValid(String filter, ConstraintValidatorContext context) {
        List<String> unknown = CustomerFilter.unknownPaths(filter);
        if (unknown.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // a message parameter, not the template: the paths are the caller's text, never interpolated
        context.unwrap(HibernateConstraintValidatorContext.class)
                .addMessageParameter("unknown", String.join(", ", unknown))
                .buildConstraintViolationWithTemplate("names unknown fields: {unknown}")
                .addConstraintViolation();
        return false;
    }
}
