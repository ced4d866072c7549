package org.customerprofile.query.deadletter;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code deadLetters} health: {@code OUT_OF_SERVICE} while any event waits in the dead-letter queue, so
 * a parked event is visible where operators look first; {@code UP} when none waits.
 */
@Component("deadLetters")
class DeadLetterHealth implements HealthIndicator {

    private final DeadLetters deadLetters;

    DeadLetterHealth(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        long letters = deadLetters.size();
        Health.Builder health = letters == 0 ? Health.up() : Health.outOfService()
                .withDetail("sequences", deadLetters.sequences())
                .withDetail("see", "GET /v1/operations/dead-letters, then POST /v1/operations/dead-letters/retry");
        return health.withDetail("processingGroup", deadLetters.processingGroup()).withDetail("letters", letters).build();
    }
}
