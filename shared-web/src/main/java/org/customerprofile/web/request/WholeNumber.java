package org.customerprofile.web.request;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query parameter or header that must be a whole number within {@link #min}..{@link #max}; absent
 * ({@code null}) is valid. It constrains the text rather than an {@code Integer}: a conversion failure
 * would stop Spring before method validation, and the contract names every invalid parameter at once.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = WholeNumberValidator.class)
public @interface WholeNumber {

    long min() default 0;

    long max() default Long.MAX_VALUE;

    /** Chosen by the validator: "from min to max", or "of at least min" when there is no real maximum. */
    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
