package org.customerprofile.command.consistency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.consistency.*}: how a write waits for the read model to show it.
 *
 * @param source    how the read model is watched: in-process, told by the projection in this JVM each
 *                  version it made readable (the standalone run), or token-store, the projection's tokens in
 *                  the token store when it runs in other processes (command-side.yml sets it)
 * @param maxWait   how long a write waits for the read model before answering 202 with
 *                  Customers-Read-Model: pending; 0 answers at once
 * @param processor the projection's processor, whose tokens token-store reads
 */
@ConfigurationProperties("customers.consistency")
@Validated
public record ConsistencyProperties(
        @DefaultValue("in-process") @NotNull Source source,
        // the key is "wait", which a record cannot name a component (Object.wait()); since a violation is
        // reported under the Java name, its message names the key
        @Name("wait") @DefaultValue("5s") @NotNull @DurationMin(nanos = 0, message = "customers.consistency.wait must not be negative")
        Duration maxWait,
        @DefaultValue("customer-projection") @NotBlank String processor) {

    public enum Source { IN_PROCESS, TOKEN_STORE }
}
