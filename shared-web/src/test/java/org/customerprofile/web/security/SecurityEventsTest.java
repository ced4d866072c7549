package org.customerprofile.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityEventsTest {

    @Test
    void anAppIdIsLoggedOnlyWhenItLooksLikeOne() {
        assertThat(SecurityEvents.printable("company1")).isEqualTo("company1");
        assertThat(SecurityEvents.printable("app_01.x-y")).isEqualTo("app_01.x-y");
        assertThat(SecurityEvents.printable("evil\nlogin outcome=success")).isEqualTo("<unprintable>");
        assertThat(SecurityEvents.printable("a".repeat(65))).isEqualTo("<unprintable>");
        assertThat(SecurityEvents.printable("")).isEqualTo("-");
        assertThat(SecurityEvents.printable(null)).isEqualTo("-");
    }
}
