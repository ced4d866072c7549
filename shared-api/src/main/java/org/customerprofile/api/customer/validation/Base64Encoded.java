package org.customerprofile.api.customer.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Standard base64 (RFC 4648 alphabet, with padding); null is valid. */
@Documented
@Constraint(validatedBy = Base64EncodedValidator.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Base64Encoded {

    String message() default "must be base64 encoded";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
