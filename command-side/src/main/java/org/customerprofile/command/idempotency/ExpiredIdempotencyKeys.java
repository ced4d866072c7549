package org.customerprofile.command.idempotency;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Deletes expired keys every {@code customers.idempotency.cleanup-interval}. */
@Component
class ExpiredIdempotencyKeys implements SchedulingConfigurer {

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;

    ExpiredIdempotencyKeys(IdempotencyKeys keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(keys::forgetExpired, properties.cleanupInterval(), properties.cleanupInterval()));
    }
}
