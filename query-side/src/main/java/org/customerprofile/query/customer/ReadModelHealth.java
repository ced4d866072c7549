package org.customerprofile.query.customer;

import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code readModel} health: {@code UP} only while the customer projection runs and every segment has
 * caught up with the event store, so a restarted service is not ready until its reads are complete. (With
 * several query-side processes each answers for the segments it holds.)
 */
@Component("readModel")
class ReadModelHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    ReadModelHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        StreamingEventProcessor processor = processing
                .eventProcessor(CustomerProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null || !processor.isRunning() || processor.isError()) {
            return Health.down().withDetail("processor", CustomerProjection.PROCESSING_GROUP + " is not running").build();
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        Map<String, Object> positions = new TreeMap<>();
        segments.forEach((segment, status) -> positions.put("segment-" + segment,
                status.getCurrentPosition().orElse(-1L) + (status.isCaughtUp() ? " (caught up)" : " (catching up)")));
        // a pooled processor may hold no segment for a while: other query-side processes hold them
        boolean shared = processor instanceof PooledStreamingEventProcessor;
        boolean caughtUp = (shared || !segments.isEmpty()) && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
        return (caughtUp ? Health.up() : Health.outOfService()).withDetails(positions).build();
    }
}
