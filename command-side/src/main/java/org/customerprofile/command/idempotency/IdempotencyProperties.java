package org.customerprofile.command.idempotency;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.idempotency.*}: how long Idempotency-Keys are remembered.
 *
 * @param retention       how long a request's Idempotency-Key answers retries like the first request; after
 *                        it the key may be used again
 * @param cleanupInterval how often expired keys are deleted
 */
@ConfigurationProperties("customers.idempotency")
@Validated
public record IdempotencyProperties(
        @DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration retention,
        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration cleanupInterval) {
}
