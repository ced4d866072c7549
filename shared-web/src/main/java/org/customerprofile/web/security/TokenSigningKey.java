package org.customerprofile.web.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The HMAC key that signs bearer tokens ({@code customers.security.token-secret}), and what else it keys. */
@Component
class TokenSigningKey {

    private static final Logger log = LoggerFactory.getLogger(TokenSigningKey.class);

    private final SecretKey key;

    TokenSigningKey(AppCredentialsProperties properties) {
        this.key = signingKey(properties.tokenSecret());
    }

    SecretKey key() {
        return key;
    }

    /**
     * A short, non-secret name for an app's configured key, the same in every process with the same
     * configuration: a token carries it, and stops working once that key is no longer configured. Keyed by
     * the token secret rather than a plain hash because a plain-text key (hashed with a fresh salt at every
     * start) has nothing else stable to name it by, and a plain hash of it would be guessable offline.
     */
    String fingerprint(String appId, String configuredKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("app-key\u0000" + appId + "\u0000" + configuredKey).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKey signingKey(String secret) {
        byte[] bytes;
        if (secret == null || secret.isBlank()) {
            log.warn("customers.security.token-secret is not set: signing tokens with a random key; tokens end with this process "
                    + "and are not accepted by other processes");
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        } else {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalStateException("customers.security.token-secret must be at least 32 bytes");
            }
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
