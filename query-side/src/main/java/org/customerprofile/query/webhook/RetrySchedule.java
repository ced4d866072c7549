package org.customerprofile.query.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried next: exponential back-off from the initial interval, doubling up to the
 * maximum, each wait drawn between half and all of it (so that deliveries failed together do not come back
 * together).
 */
record RetrySchedule(Duration initialInterval, Duration maxInterval, DoubleSupplier random) {

    static RetrySchedule of(WebhooksProperties.Retry retry) {
        return new RetrySchedule(retry.initialInterval(), retry.maxInterval(), Math::random);
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    Duration after(int attempts) {
        long ceiling = maxInterval.toMillis();
        long wait = initialInterval.toMillis();
        for (int doubled = 1; doubled < attempts && wait < ceiling; doubled++) {
            wait *= 2;
        }
        wait = Math.min(wait, ceiling);
        return Duration.ofMillis(Math.max(1, Math.round(wait * (0.5 + random.getAsDouble() / 2))));
    }
}
