package org.customerprofile.api.customer.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A real calendar date {@code YYYY-MM-DD}, today (UTC) or earlier; null is valid. */
@Documented
@Constraint(validatedBy = BirthDateValidator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface BirthDate {

    String message() default "must be a real date in the form YYYY-MM-DD, not in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
