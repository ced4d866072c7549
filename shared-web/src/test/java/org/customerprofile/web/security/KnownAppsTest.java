package org.customerprofile.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class KnownAppsTest {

    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final String KEY = "a-key-of-thirty-two-characters!!";

    @Test
    void authenticatesPlainTextKeysHashedAtStartUp() {
        KnownApps apps = new KnownApps(properties(new AppCredentialsProperties.App("app00001", KEY, COMPANY)), new MockEnvironment());

        assertThat(apps.authenticate("app00001", KEY)).hasValueSatisfying(app -> {
            assertThat(app.companyId()).isEqualTo(COMPANY);
            assertThat(app.encodedKey()).startsWith("{bcrypt}").doesNotContain(KEY);
        });
        assertThat(apps.authenticate("app00001", KEY + "x")).isEmpty();
        assertThat(apps.authenticate("unknown1", KEY)).isEmpty();
        assertThat(apps.authenticate(null, null)).isEmpty();
    }

    @Test
    void prodProfileRefusesPlainTextKeys() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> new KnownApps(properties(new AppCredentialsProperties.App("app00001", KEY, COMPANY)), prod))
                .hasMessageContaining("plain-text").hasMessageNotContaining(KEY);
    }

    @Test
    void prodProfileRefusesTheDemoApp() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        String encoded = "{bcrypt}" + new BCryptPasswordEncoder().encode(KEY);

        assertThatThrownBy(() -> new KnownApps(properties(new AppCredentialsProperties.App(KnownApps.DEMO_APP_ID, encoded, COMPANY)), prod))
                .hasMessageContaining("demo");
        assertThat(new KnownApps(properties(new AppCredentialsProperties.App("app00001", encoded, COMPANY)), prod)
                .authenticate("app00001", KEY)).isPresent();
    }

    private static AppCredentialsProperties properties(AppCredentialsProperties.App app) {
        return new AppCredentialsProperties(List.of(app), null, Duration.ofHours(1));
    }
}
