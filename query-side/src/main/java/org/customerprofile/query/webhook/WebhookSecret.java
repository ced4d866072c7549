package org.customerprofile.query.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A webhook's signing secret. For the {@code standard} format it is what Standard Webhooks libraries take:
 * {@code whsec_} and the base64 of the key bytes (24 to 64 of them). For {@code acquired} it is used as
 * Acquired uses an app key: its characters are the HMAC key.
 */
record WebhookSecret(String value) {

    static final String PREFIX = "whsec_";
    static final int MIN_LENGTH = 32;
    static final int MAX_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new secret of 32 random bytes, in the Standard Webhooks form (which is also a valid acquired secret). */
    static WebhookSecret generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** Why {@code candidate} cannot sign deliveries of {@code format}, if it cannot. */
    static Optional<String> refusal(String candidate, WebhookFormat format) {
        if (candidate.length() < MIN_LENGTH || candidate.length() > MAX_LENGTH) {
            return Optional.of("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!candidate.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of("must be printable ASCII without spaces");
        }
        if (format == WebhookFormat.STANDARD) {
            byte[] key = standardKey(candidate);
            if (key == null || key.length < 24 || key.length > 64) {
                return Optional.of("must be whsec_ followed by the base64 of 24 to 64 random bytes (the Standard Webhooks form)");
            }
        }
        return Optional.empty();
    }

    /** The HMAC key of a {@code standard} delivery: the bytes behind {@code whsec_}. */
    byte[] standardKey() {
        byte[] key = standardKey(value);
        if (key == null) {
            throw new IllegalStateException("not a Standard Webhooks secret");
        }
        return key;
    }

    /** The HMAC key of an {@code acquired} delivery: the secret's characters. */
    byte[] acquiredKey() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] standardKey(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
