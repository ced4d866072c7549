package org.customerprofile.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class ProjectionLagTest {

    private static final String PROCESSOR = "customer-projection";

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);

    @Test
    void countsEventsBehindTheSlowestSegmentAndTheAgeOfTheFirstOneNotHandled() {
        headAt(8L);
        segmentsAt(7, 5);
        when(jdbc.queryForList(anyString(), eq(String.class), eq(5L))).thenReturn(List.of(Instant.now().minusSeconds(30).toString()));

        lag();

        assertThat(gauge(ProjectionLag.EVENTS_BEHIND)).isEqualTo(3);
        assertThat(gauge(ProjectionLag.TIME_BEHIND)).isCloseTo(30, within(5.0));
        assertThat(gauge(ProjectionLag.RUNNING)).isEqualTo(1);
        assertThat(gauge(ProjectionLag.ERROR)).isEqualTo(0);
        assertThat(gauge(ProjectionLag.SEGMENTS)).isEqualTo(2);
    }

    @Test
    void theGaugesKeepMeasuringWhenNothingElseHoldsTheMeasurer() {
        headAt(8L);
        segmentsAt(7);

        lag();
        System.gc();

        assertThat(gauge(ProjectionLag.RUNNING)).isEqualTo(1);
        assertThat(gauge(ProjectionLag.EVENTS_BEHIND)).isEqualTo(1);
    }

    @Test
    void isZeroBehindOnceCaughtUp() {
        headAt(8L);
        segmentsAt(8);

        lag();

        assertThat(gauge(ProjectionLag.EVENTS_BEHIND)).isEqualTo(0);
        assertThat(gauge(ProjectionLag.TIME_BEHIND)).isEqualTo(0);
    }

    @Test
    void anEmptyEventStoreIsNothingBehind() {
        headAt(null);
        EventTrackerStatus nothingHandledYet = status(OptionalLong.empty());
        when(processor.processingStatus()).thenReturn(Map.of(0, nothingHandledYet));

        lag();

        assertThat(gauge(ProjectionLag.EVENTS_BEHIND)).isEqualTo(0);
    }

    @Test
    void aLagThatCannotBeMeasuredIsNotReportedAsZero() {
        headAt(8L);
        segmentsAt();
        when(processor.isRunning()).thenReturn(false);

        lag();

        assertThat(gauge(ProjectionLag.EVENTS_BEHIND)).isNaN();
        assertThat(gauge(ProjectionLag.TIME_BEHIND)).isNaN();
        assertThat(gauge(ProjectionLag.RUNNING)).isEqualTo(0);
        assertThat(gauge(ProjectionLag.SEGMENTS)).isEqualTo(0);
    }

    private void lag() {
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.<String, EventProcessor>of(PROCESSOR, processor));
        new ProjectionLag(processing, registry, jdbc, EventSchema.builder().build()).registerGauges();
    }

    private void headAt(Long globalIndex) {
        when(jdbc.queryForObject(anyString(), eq(Long.class))).thenReturn(globalIndex);
    }

    private void segmentsAt(long... positions) {
        when(processor.isRunning()).thenReturn(true);
        Map<Integer, EventTrackerStatus> segments = new HashMap<>();
        for (int segment = 0; segment < positions.length; segment++) {
            segments.put(segment, status(OptionalLong.of(positions[segment])));
        }
        when(processor.processingStatus()).thenReturn(segments);
    }

    private static EventTrackerStatus status(OptionalLong position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(position);
        return status;
    }

    private double gauge(String name) {
        return registry.get(name).tag("processor", PROCESSOR).gauge().value();
    }
}
