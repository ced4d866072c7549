package org.customerprofile.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IsoInstant}: an {@code as_of} is an ISO 8601 date-time with an offset. */
class IsoInstantValidatorTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record PastState(@IsoInstant String asOf) {
    }

    @Test
    void absentIsValid() {
        assertThat(problems(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-31T09:30:00Z", "2025-01-31T09:30:00.123Z", "2025-01-31T10:30:00+01:00", "1970-01-01T00:00:00Z"})
    void anInstantWithAnOffsetIsValid(String value) {
        assertThat(problems(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-31", "2025-01-31T09:30:00", "2025-02-30T09:30:00Z", "yesterday", "", "1738315800"})
    void aDateTimeWithoutAnOffsetOrNoInstantAtAllIsRefused(String value) {
        assertThat(problems(value)).containsExactly("must be an ISO 8601 date-time with an offset, such as 2025-01-31T09:30:00Z");
    }

    private static List<String> problems(String asOf) {
        return VALIDATOR.validate(new PastState(asOf)).stream().map(ConstraintViolation::getMessage).toList();
    }
}
