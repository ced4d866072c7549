package org.customerprofile.query.customer;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Optional;

/** Checks {@link Searches}; the reason is the parameter's own (fixed text, never the caller's). */
public class SearchesValidator implements ConstraintValidator<Searches, String> {

    private SearchParameter parameter;

    @Override
    public void initialize(Searches annotation) {
        this.parameter = annotation.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        Optional<String> problem = parameter.problem(value);
        if (problem.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.get().replace("{", "\\{").replace("$", "\\$"))
                .addConstraintViolation();
        return false;
    }
}
