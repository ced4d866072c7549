package org.customerprofile.personal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The deployment's master key: wraps the customers' data keys (AES-256-GCM, bound to the customer id) and,
 * through a key derived from it (HKDF-SHA256), keys the reference hashes.
 */
public final class MasterKey {

    static final int LENGTH = 32;

    private final Aead wrapping;
    private final byte[] referenceHashKey;
    private final byte[] key;

    private MasterKey(byte[] key) throws GeneralSecurityException {
        this.key = key.clone();
        this.wrapping = new AesGcmJce(Hkdf.computeHkdf("HMACSHA256", key, new byte[0], info("data-key-wrapping"), LENGTH));
        this.referenceHashKey = Hkdf.computeHkdf("HMACSHA256", key, new byte[0], info("reference-hash"), LENGTH);
    }

    /** @throws IllegalArgumentException unless {@code base64} holds exactly 32 bytes */
    public static MasterKey of(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("customers.encryption.master-key is not base64");
        }
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("customers.encryption.master-key must hold 32 bytes, not " + key.length);
        }
        try {
            return new MasterKey(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /** A new random master key in the form {@link #of} reads. */
    public static String generate() {
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A new customer's data key, wrapped: only this master key opens it, and only for that customer. */
    byte[] wrap(byte[] dataKey, UUID customerId) {
        try {
            return wrapping.encrypt(dataKey, info(customerId.toString()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap a data key", e);
        }
    }

    /** @throws IllegalStateException when the key was wrapped by another master key or for another customer */
    byte[] unwrap(byte[] wrapped, UUID customerId) {
        try {
            return wrapping.decrypt(wrapped, info(customerId.toString()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of customer " + customerId + " does not open with this master key", e);
        }
    }

    /**
     * An AES-256-GCM key of its own for {@code purpose} (HKDF-SHA256 from this master key, as the data-key wrapping
     * key is): for secrets the service must read back but a database dump alone must not reveal, such as webhook
     * signing secrets. Each purpose gets a different key; the same master key always derives the same one.
     */
    public Aead keyFor(String purpose) {
        if (purpose.equals("data-key-wrapping") || purpose.equals("reference-hash")) {
            throw new IllegalArgumentException("purpose " + purpose + " is the master key's own");
        }
        try {
            return new AesGcmJce(Hkdf.computeHkdf("HMACSHA256", key, new byte[0], info(purpose), LENGTH));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    byte[] referenceHashKey() {
        return referenceHashKey.clone();
    }

    private static byte[] info(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MasterKey[hidden]";
    }
}
