package org.customerprofile.query.feed;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.events.*}: the published event feed and its live stream.
 *
 * @param streamPollInterval how often an open stream (GET /v1/events/stream) looks for new events
 */
@ConfigurationProperties("customers.events")
@Validated
public record EventsProperties(@DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration streamPollInterval) {
}
