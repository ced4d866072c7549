package org.customerprofile.query.webhook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.webhooks.*}: how webhooks are delivered.
 *
 * @param allowPrivateTargets accept webhook URLs whose host resolves to a loopback, private, link-local, multicast or
 *                            unspecified address (refused by default, at registration and again before each delivery)
 * @param timeout             how long a delivery waits for the endpoint's answer (connecting included); a later answer
 *                            counts as a failure
 * @param threads             deliveries this process sends at once, each to a different webhook (one webhook is sent
 *                            one delivery at a time): a slow endpoint holds one of them
 * @param pollInterval        how often this process looks for deliveries that have become due (new events wake it at
 *                            once; this bounds the wait for retries and for events another process planned)
 * @param batchSize           events the webhook processor handles per batch
 * @param retry               when a failed delivery is tried again
 */
@ConfigurationProperties("customers.webhooks")
@Validated
public record WebhooksProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("10s") @DurationMin(millis = 100) Duration timeout,
        @DefaultValue("4") @Positive int threads,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("100") @Positive int batchSize,
        @DefaultValue @Valid Retry retry) {

    /**
     * Exponential back-off with jitter: the n-th retry waits initialInterval &times; 2<sup>n-1</sup>, at most
     * maxInterval, each wait drawn at random between half and all of it.
     *
     * @param initialInterval the wait before the first retry
     * @param maxInterval     the longest wait between two attempts
     * @param maxAge          how long after its event a delivery is still tried; then it is given up and shown as
     *                        failed. A webhook whose every attempt failed for this long is disabled
     */
    public record Retry(@DefaultValue("30s") @DurationMin(millis = 1) Duration initialInterval,
                        @DefaultValue("1h") @DurationMin(millis = 1) Duration maxInterval,
                        @DefaultValue("3d") @DurationMin(seconds = 1) Duration maxAge) {
    }

    /** How long a process holds a delivery it is sending: its answer's longest wait and a margin to record it. */
    Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(10);
    }
}
