package org.customerprofile.personal;

import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.encryption.*}: how personal values are kept at rest.
 *
 * @param masterKey      the master key, 32 random bytes in base64 (e.g. {@code openssl rand -base64 32}): wraps every
 *                       customer's data key and keys the reference hashes. Every process of one deployment needs the
 *                       same one; losing it loses every personal value
 * @param masterKeyFile  where the master key is kept when master-key is not given; the standalone run points it into
 *                       its data directory, and a missing file is created with a new key (not under the prod profile,
 *                       which needs a key it is given)
 * @param keyCacheSize   customers' data keys kept unwrapped in memory
 * @param keyCacheExpiry how long a data key stays cached. Erasures do not wait for it: every process forgets an erased
 *                       customer's key when PostgreSQL notifies the erasure's commit, and reads keys uncached while it
 *                       cannot receive those notifications; the expiry only bounds how long a key stays in memory once read
 */
@ConfigurationProperties("customers.encryption")
@Validated
public record EncryptionProperties(
        String masterKey,
        Path masterKeyFile,
        @DefaultValue("100000") @Positive int keyCacheSize,
        @DefaultValue("1m") Duration keyCacheExpiry) {
}
