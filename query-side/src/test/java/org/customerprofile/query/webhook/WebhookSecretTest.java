package org.customerprofile.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void generatedSecretsAreStandardWebhooksSecretsOf32RandomBytes() {
        WebhookSecret secret = WebhookSecret.generate();

        assertThat(secret.value()).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(32);
        assertThat(secret.standardKey()).hasSize(32);
        assertThat(WebhookSecret.refusal(secret.value(), WebhookFormat.STANDARD)).isEmpty();
        assertThat(WebhookSecret.refusal(secret.value(), WebhookFormat.ACQUIRED)).isEmpty();
        assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
    }

    @Test
    void standardSecretsMustBeWhsecAndBase64OfEnoughBytes() {
        assertThat(WebhookSecret.refusal("a-plain-secret-of-more-than-32-characters", WebhookFormat.STANDARD)).isPresent();
        assertThat(WebhookSecret.refusal("whsec_" + Base64.getEncoder().encodeToString(new byte[16]) + "AAAA", WebhookFormat.STANDARD)).isPresent();
        assertThat(WebhookSecret.refusal("whsec_" + Base64.getEncoder().encodeToString(new byte[24]), WebhookFormat.STANDARD)).isEmpty();
    }

    @Test
    void acquiredSecretsAre32To128PrintableCharacters() {
        assertThat(WebhookSecret.refusal("a-plain-secret-of-more-than-32-characters", WebhookFormat.ACQUIRED)).isEmpty();
        assertThat(WebhookSecret.refusal("too-short", WebhookFormat.ACQUIRED)).isPresent();
        assertThat(WebhookSecret.refusal("a secret with spaces in it, 32+ characters", WebhookFormat.ACQUIRED)).isPresent();
        assertThat(WebhookSecret.refusal("x".repeat(129), WebhookFormat.ACQUIRED)).isPresent();
    }

    @Test
    void theSecretNeverShowsInToString() {
        assertThat(new WebhookSecret("whsec_abc").toString()).doesNotContain("abc");
    }
}
