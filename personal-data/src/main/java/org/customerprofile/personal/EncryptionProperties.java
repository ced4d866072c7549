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
 * @param keyCacheExpiry how long a data key stays cached; bounds how long another process may still read an erased
 *                       customer's values from its cache before it sees the erasure
 */
@ConfigurationProperties("customers.encryption")
@Validated
public record EncryptionProperties(
        String masterKey,
        Path masterKeyFile,
        @DefaultValue("100000") @Positive int keyCacheSize,
        @DefaultValue("5m") Duration keyCacheExpiry) {
}
