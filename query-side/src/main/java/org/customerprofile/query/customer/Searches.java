package org.customerprofile.query.customer;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A list parameter that searches: its value must be one {@link SearchParameter#problem} accepts. */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SearchesValidator.class)
@interface Searches {

    SearchParameter value();

    /** Replaced by the validator with the parameter's problem. */
    String message() default "cannot be searched for";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
