package org.customerprofile.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** One meaning of "the same reference" for uniqueness and the list's filter. */
class ReferenceKeyTest {

    @Test
    void referencesCompareTrimmedAndIgnoringCase() {
        assertThat(ReferenceKey.of(" Order-1\t")).isEqualTo(ReferenceKey.of("order-1"));
        assertThat(ReferenceKey.same("Abc-1", "abc-1 ")).isTrue();
    }

    @Test
    void differentReferencesStayDifferent() {
        assertThat(ReferenceKey.same("order-1", "order-2")).isFalse();
        assertThat(ReferenceKey.same("order_1", "order-1")).isFalse();
    }

    @Test
    void noReferenceIsTheSameAsNothing() {
        assertThat(ReferenceKey.same(null, "order-1")).isFalse();
        assertThat(ReferenceKey.same("order-1", null)).isFalse();
        assertThat(ReferenceKey.same(null, null)).isFalse();
    }

    @Test
    void caseIsFoldedTheSameWayInEveryLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr"));
        try {
            // in Turkish, "I".toLowerCase() is a dotless ı
            assertThat(ReferenceKey.of("TITLE")).isEqualTo("title");
        } finally {
            Locale.setDefault(before);
        }
    }
}
