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
    private static final String NEXT_KEY = "the-next-key-of-thirty-two-chars";
    private static final String SECRET = "a-token-secret-of-at-least-32-bytes-0000";

    @Test
    void authenticatesPlainTextKeysHashedAtStartUp() {
        KnownApps apps = knownApps(new AppCredentialsProperties.App("app00001", KEY, COMPANY), new MockEnvironment());

        assertThat(apps.authenticate("app00001", KEY)).hasValueSatisfying(match -> {
            assertThat(match.app().companyId()).isEqualTo(COMPANY);
            assertThat(match.app().keys()).singleElement().satisfies(key -> assertThat(key.encoded()).startsWith("{bcrypt}").doesNotContain(KEY));
        });
        assertThat(apps.authenticate("app00001", KEY + "x")).isEmpty();
        assertThat(apps.authenticate("unknown1", KEY)).isEmpty();
        assertThat(apps.authenticate(null, null)).isEmpty();
    }

    @Test
    void bothKeysOfAnAppInRotationLogInEachNamedByItsOwnFingerprint() {
        KnownApps apps = knownApps(new AppCredentialsProperties.App("app00001", KEY, COMPANY, null, NEXT_KEY), new MockEnvironment());

        String first = apps.authenticate("app00001", KEY).orElseThrow().keyId();
        String next = apps.authenticate("app00001", NEXT_KEY).orElseThrow().keyId();

        assertThat(first).isNotEqualTo(next).doesNotContain(KEY);
        assertThat(apps.holdsKey("app00001", first)).isTrue();
        assertThat(apps.holdsKey("app00001", next)).isTrue();
        assertThat(apps.holdsKey("app00002", first)).isFalse();
        assertThat(apps.holdsKey("app00001", null)).isFalse();
    }

    @Test
    void aKeyKeepsItsFingerprintWhenItMovesToAppKeyAndARemovedKeyIsNoLongerHeld() {
        KnownApps rotating = knownApps(new AppCredentialsProperties.App("app00001", KEY, COMPANY, null, NEXT_KEY), new MockEnvironment());
        KnownApps rotated = knownApps(new AppCredentialsProperties.App("app00001", NEXT_KEY, COMPANY), new MockEnvironment());

        String oldKeyId = rotating.authenticate("app00001", KEY).orElseThrow().keyId();
        String nextKeyId = rotating.authenticate("app00001", NEXT_KEY).orElseThrow().keyId();

        assertThat(rotated.holdsKey("app00001", nextKeyId)).as("plain-text keys are rehashed with a new salt, the fingerprint stays").isTrue();
        assertThat(rotated.holdsKey("app00001", oldKeyId)).isFalse();
        assertThat(rotated.authenticate("app00001", KEY)).isEmpty();
    }

    @Test
    void prodProfileRefusesPlainTextKeys() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        String encoded = "{bcrypt}" + new BCryptPasswordEncoder().encode(KEY);

        assertThatThrownBy(() -> knownApps(new AppCredentialsProperties.App("app00001", KEY, COMPANY), prod))
                .hasMessageContaining("plain-text").hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> knownApps(new AppCredentialsProperties.App("app00001", encoded, COMPANY, null, NEXT_KEY), prod))
                .as("the next key too").hasMessageContaining("plain-text").hasMessageNotContaining(NEXT_KEY);
    }

    @Test
    void prodProfileRefusesTheDemoApp() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        String encoded = "{bcrypt}" + new BCryptPasswordEncoder().encode(KEY);

        assertThatThrownBy(() -> knownApps(new AppCredentialsProperties.App(KnownApps.DEMO_APP_ID, encoded, COMPANY), prod))
                .hasMessageContaining("demo");
        assertThat(knownApps(new AppCredentialsProperties.App("app00001", encoded, COMPANY), prod)
                .authenticate("app00001", KEY)).isPresent();
    }

    private static KnownApps knownApps(AppCredentialsProperties.App app, MockEnvironment environment) {
        AppCredentialsProperties properties = new AppCredentialsProperties(List.of(app), SECRET, Duration.ofHours(1));
        return new KnownApps(properties, environment, new TokenSigningKey(properties));
    }
}
