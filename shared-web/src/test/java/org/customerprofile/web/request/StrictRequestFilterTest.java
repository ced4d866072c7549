package org.customerprofile.web.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.customerprofile.web.error.InvalidParameter;
import org.junit.jupiter.api.Test;

class StrictRequestFilterTest {

    @Test
    void acceptsPercentEncodedUtf8AndPlusAsSpace() {
        assertThat(StrictRequestFilter.queryProblems("q=Zo%C3%AB+M%C3%BCller&filter=a,b&x&=&limit=")).isEmpty();
        assertThat(StrictRequestFilter.queryProblems(null)).isEmpty();
    }

    @Test
    void namesEachParameterThatIsNotStrictUtf8Text() {
        assertThat(StrictRequestFilter.queryProblems("reference=%C0%AF&q=%ED%A0%80&email=a%00b&phone=%zz&ok=1"))
                .containsExactly(
                        new InvalidParameter("reference", StrictText.NOT_UTF_8),
                        new InvalidParameter("q", StrictText.NOT_UTF_8),
                        new InvalidParameter("email", StrictText.CONTROL_CHARACTER),
                        new InvalidParameter("phone", "must be correctly percent-encoded"));
    }
}
