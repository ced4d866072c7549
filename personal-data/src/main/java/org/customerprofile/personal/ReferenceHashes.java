package org.customerprofile.personal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.customerprofile.api.customer.ReferenceKey;

/**
 * What reference uniqueness compares instead of the reference, which is personal data: an HMAC-SHA256, under
 * a key derived from the master key, of the company and the reference's {@link ReferenceKey}. Equal for
 * references that are the same reference; says nothing about the reference without the master key.
 */
public final class ReferenceHashes {

    private final SecretKeySpec key;

    public ReferenceHashes(MasterKey masterKey) {
        this.key = new SecretKeySpec(masterKey.referenceHashKey(), "HmacSHA256");
    }

    /** 64 hex digits. */
    public String of(UUID companyId, String reference) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] hash = mac.doFinal((companyId + "/" + ReferenceKey.of(reference)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code reference} hashes to {@code hash} in {@code companyId}; {@code null} matches nothing. */
    public boolean matches(UUID companyId, String reference, String hash) {
        return reference != null && hash != null && of(companyId, reference).equals(hash);
    }
}
