package org.customerprofile.query.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each streaming (tracking) processor — the customer projection, the reference saga — is behind
 * the event store, and whether it runs, as gauges tagged {@code processor}:
 * <ul>
 * <li>{@code customers.processor.events.behind}: the store's highest global index minus the lowest
 *     position the processor's segments have reached;</li>
 * <li>{@code customers.processor.time.behind} (seconds): the age of the oldest event not yet processed, 0
 *     when caught up;</li>
 * <li>{@code customers.processor.running}, {@code customers.processor.error} (1 or 0) and
 *     {@code customers.processor.segments} (segments this instance has claimed).</li>
 * </ul>
 * Measured when scraped, at most once a second, with two reads of the event table on its primary key;
 * the processors are only asked for their status, never paused or locked. A lag that cannot be measured
 * (the processor holds no segment here, or the store does not answer) is NaN, not a reassuring 0.
 */
@Component
class ProjectionLag {

    static final String EVENTS_BEHIND = "customers.processor.events.behind";
    static final String TIME_BEHIND = "customers.processor.time.behind";
    static final String RUNNING = "customers.processor.running";
    static final String ERROR = "customers.processor.error";
    static final String SEGMENTS = "customers.processor.segments";

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final String headQuery;
    private final String oldestAfterQuery;

    private Map<String, Lag> lags = Map.of();
    private long measuredAt;

    record Lag(double eventsBehind, double secondsBehind, boolean running, boolean error, int segments) {
    }

    ProjectionLag(EventProcessingConfiguration processing, MeterRegistry registry, JdbcTemplate jdbc, EventSchema schema) {
        this.processing = processing;
        this.registry = registry;
        this.jdbc = jdbc;
        this.headQuery = "SELECT max(" + schema.globalIndexColumn() + ") FROM " + schema.domainEventTable();
        this.oldestAfterQuery = "SELECT " + schema.timestampColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.globalIndexColumn() + " > ? ORDER BY " + schema.globalIndexColumn() + " LIMIT 1";
        this.measuredAt = System.nanoTime() - 2 * FRESH_NANOS;
    }

    /** Processors exist once Axon has started; their names are the stable processing group names. */
    @EventListener(ApplicationStartedEvent.class)
    void registerGauges() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                gauge(EVENTS_BEHIND, name, null, "events the processor has yet to handle", Lag::eventsBehind);
                gauge(TIME_BEHIND, name, "seconds", "age of the oldest event the processor has yet to handle", Lag::secondsBehind);
                gauge(RUNNING, name, null, "1 while the processor runs", lag -> lag.running() ? 1 : 0);
                gauge(ERROR, name, null, "1 while the processor is in error and retrying", lag -> lag.error() ? 1 : 0);
                gauge(SEGMENTS, name, "segments", "segments this instance has claimed", Lag::segments);
            }
        });
    }

    private void gauge(String meter, String processor, String unit, String description, ToDoubleFunction<Lag> value) {
        Gauge.builder(meter, this, self -> {
                    Lag lag = self.current().get(processor);
                    return lag == null ? Double.NaN : value.applyAsDouble(lag);
                })
                .tag("processor", processor)
                .baseUnit(unit)
                .description(description)
                .strongReference(true) // a gauge holds its object weakly: unheld, it would read NaN after a collection
                .register(registry);
    }

    private synchronized Map<String, Lag> current() {
        if (System.nanoTime() - measuredAt >= FRESH_NANOS) {
            lags = measure();
            measuredAt = System.nanoTime();
        }
        return lags;
    }

    private Map<String, Lag> measure() {
        Long head = null; // null: unknown
        try {
            Long highest = jdbc.queryForObject(headQuery, Long.class);
            head = highest == null ? 0L : highest;
        } catch (DataAccessException e) {
            log.warn("cannot read the event store's head for the processor lag gauges: {}", e.toString());
        }
        Map<String, Lag> measured = new HashMap<>();
        for (Map.Entry<String, ?> entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor processor) {
                measured.put(entry.getKey(), measure(processor, head));
            }
        }
        return measured;
    }

    private Lag measure(StreamingEventProcessor processor, Long head) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        boolean running = processor.isRunning();
        boolean error = processor.isError();
        // a segment that has handled nothing yet stands before the first event
        OptionalLong position = segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(0L))
                .min();
        if (head == null || position.isEmpty()) {
            return new Lag(Double.NaN, Double.NaN, running, error, segments.size());
        }
        long behind = Math.max(0, head - position.getAsLong());
        return new Lag(behind, behind == 0 ? 0 : secondsSinceFirstEventAfter(position.getAsLong()), running, error, segments.size());
    }

    private double secondsSinceFirstEventAfter(long position) {
        try {
            List<String> timestamps = jdbc.queryForList(oldestAfterQuery, String.class, position);
            if (timestamps.isEmpty()) {
                return 0;
            }
            Duration age = Duration.between(DateTimeUtils.parseInstant(timestamps.get(0)), Instant.now());
            return Math.max(0, age.toMillis() / 1000.0);
        } catch (DataAccessException e) {
            log.warn("cannot read the event store for the processor lag gauges: {}", e.toString());
            return Double.NaN;
        }
    }
}
