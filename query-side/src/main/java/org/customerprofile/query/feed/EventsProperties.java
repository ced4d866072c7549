package org.customerprofile.query.feed;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.events.*}: the published event feed and its live stream.
 *
 * @param streamPollInterval how often the process looks for new events for its open streams (GET /v1/events/stream):
 *                           one query per company with open streams, whatever their number
 * @param streamHeartbeat    how long an open stream may stay silent before it is sent a comment line; a write is how a
 *                           client that went away is noticed (the second write after it closed fails), so this bounds
 *                           how long its stream outlives it (about twice this)
 * @param maxStreamsPerApp   most streams one app may hold open at once in this process; one more is a 429
 * @param feedCacheSize      memory the process may spend on events it has served (opened and encoded), so that one read
 *                           again by any consumer costs neither again; {@code 0} keeps none
 */
@ConfigurationProperties("customers.events")
@Validated
public record EventsProperties(
        @DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration streamPollInterval,
        @DefaultValue("1s") @NotNull @DurationMin(millis = 100) Duration streamHeartbeat,
        @DefaultValue("5") @Min(1) int maxStreamsPerApp,
        @DefaultValue("32MB") @NotNull DataSize feedCacheSize) {

    public EventsProperties {
        if (feedCacheSize != null && feedCacheSize.isNegative()) {
            throw new IllegalArgumentException("customers.events.feed-cache-size must not be negative: " + feedCacheSize);
        }
    }
}
