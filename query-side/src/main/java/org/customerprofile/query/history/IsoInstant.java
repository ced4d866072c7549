package org.customerprofile.query.history;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An {@code as_of} parameter: an instant as {@link java.time.Instant#parse} reads it; absent is valid. */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoInstantValidator.class)
@interface IsoInstant {

    String message() default "must be an ISO 8601 date-time with an offset, such as 2025-01-31T09:30:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
