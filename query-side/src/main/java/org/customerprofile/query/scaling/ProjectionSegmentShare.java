package org.customerprofile.query.scaling;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.customerprofile.query.customer.ReadModelProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Shares the customer projection's segments between the query-side processes. A pooled streaming
 * processor claims every segment nobody holds, so the first process would keep them all; here each
 * process announces itself in {@code QuerySideInstance} and releases what it holds beyond its fair share
 * (segments / live processes, rounded up) for long enough that another claims it. When a process dies
 * its claims expire and the others take its segments: a fair share of one process is all of them.
 */
@Component
@ConditionalOnProperty(name = "customers.read-model.processor", havingValue = "pooled")
class ProjectionSegmentShare implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSegmentShare.class);
    private static final String PROCESSOR = "customer-projection";

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration alive;
    private final Duration interval;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    ProjectionSegmentShare(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                           ReadModelProperties readModel) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.alive = readModel.instanceTimeout();
        this.interval = readModel.shareInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::share, interval);
    }

    void share() {
        jdbc.update("INSERT INTO QuerySideInstance (instanceId, lastSeen) VALUES (?, now()) "
                + "ON CONFLICT (instanceId) DO UPDATE SET lastSeen = now()", instance);
        // processes gone for a day will not be back under their id (each start takes a new one)
        jdbc.update("DELETE FROM QuerySideInstance WHERE lastSeen < now() - interval '1 day'");
        int live = jdbc.queryForObject("SELECT count(*) FROM QuerySideInstance WHERE lastSeen > now() - make_interval(secs => ?)",
                Integer.class, alive.toSeconds());
        int segments = jdbc.queryForObject("SELECT count(*) FROM TokenEntry WHERE processorName = ?", Integer.class, PROCESSOR);
        StreamingEventProcessor processor = processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class).orElseThrow();
        List<Integer> mine = List.copyOf(processor.processingStatus().keySet());
        int fairShare = (segments + live - 1) / Math.max(1, live);
        for (int segment : mine.subList(0, Math.max(0, mine.size() - fairShare))) {
            log.info("releasing segment {} of {}: {} processes share {} segments", segment, PROCESSOR, live, segments);
            // longer than the others' claim rounds, so one of them takes it before this process could again
            processor.releaseSegment(segment, 3 * alive.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
