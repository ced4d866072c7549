package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KnownFields}: a {@code filter} whose every path names a field, refused with the unknown paths. */
class KnownFieldsValidatorTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Retrieve(@KnownFields String filter) {
    }

    @Test
    void absentOrBlankIsValid() {
        assertThat(problems(null)).isEmpty();
        assertThat(problems("")).isEmpty();
        assertThat(problems("  ")).isEmpty();
    }

    @Test
    void fieldsObjectsAndReadOnlyFieldsAreKnown() {
        assertThat(problems("first_name,billing.address,shipping,customer_id,billing.phone.number")).isEmpty();
    }

    @Test
    void theReasonListsEveryUnknownPathInTheOrderGiven() {
        assertThat(problems("nope,first_name,billing.nope")).containsExactly("names unknown fields: nope, billing.nope");
    }

    @Test
    void theCallersTextIsQuotedNeverInterpolated() {
        assertThat(problems("{min},${1+1}")).containsExactly("names unknown fields: {min}, ${1+1}");
    }

    private static List<String> problems(String filter) {
        return VALIDATOR.validate(new Retrieve(filter)).stream().map(ConstraintViolation::getMessage).toList();
    }
}
