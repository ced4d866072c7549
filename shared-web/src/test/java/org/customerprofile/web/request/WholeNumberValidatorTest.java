package org.customerprofile.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WholeNumber}: the text of a query parameter or header, checked as a whole number in a range. */
class WholeNumberValidatorTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Cursor(@WholeNumber String after) {
    }

    record Limit(@WholeNumber(min = 1, max = 100) String limit) {
    }

    @Test
    void absentIsValid() {
        assertThat(problems(new Cursor(null))).isEmpty();
        assertThat(problems(new Limit(null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "9223372036854775807"})
    void anyWholeNumberFromTheMinimumOnIsValid(String value) {
        assertThat(problems(new Cursor(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "50", "100"})
    void theBoundsOfARangeAreInside(String value) {
        assertThat(problems(new Limit(value))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1e3", "abc", "", " 7", "0x10", "9223372036854775808"})
    void anythingElseIsRefusedWithTheLowerBoundAloneWhenThereIsNoMaximum(String value) {
        assertThat(problems(new Cursor(value))).containsExactly("must be a whole number of at least 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "ten"})
    void outsideARangeTheReasonNamesBothBounds(String value) {
        assertThat(problems(new Limit(value))).containsExactly("must be a whole number from 1 to 100");
    }

    private static Set<String> problems(Object parameters) {
        return VALIDATOR.validate(parameters).stream().map(ConstraintViolation::getMessage).collect(Collectors.toSet());
    }
}
