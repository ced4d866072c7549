package org.customerprofile.query.customer;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A {@code filter} parameter whose every path names a customer field; absent or blank is valid. */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownFieldsValidator.class)
public @interface KnownFields {

    /** Replaced by the validator with the unknown paths. */
    String message() default "names unknown fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
