package org.customerprofile.query.webhook;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.customerprofile.personal.MasterKey;

/**
 * Webhook secrets at rest: AES-256-GCM under a key derived from the master key, bound to the webhook's id
 * (a ciphertext copied onto another webhook does not open). A dump of the database alone reveals none.
 */
final class WebhookSecrets {

    private final Aead aead;

    WebhookSecrets(MasterKey masterKey) {
        this.aead = masterKey.keyFor("webhook-secrets");
    }

    byte[] seal(WebhookSecret secret, UUID webhookId) {
        try {
            return aead.encrypt(secret.value().getBytes(StandardCharsets.UTF_8), boundTo(webhookId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    WebhookSecret open(byte[] sealed, UUID webhookId) {
        try {
            return new WebhookSecret(new String(aead.decrypt(sealed, boundTo(webhookId)), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret of webhook " + webhookId + " does not open with this master key", e);
        }
    }

    private static byte[] boundTo(UUID webhookId) {
        return ("webhook:" + webhookId).getBytes(StandardCharsets.UTF_8);
    }
}
