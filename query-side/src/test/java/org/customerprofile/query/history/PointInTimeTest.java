package org.customerprofile.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/** Which of a customer's events a past state is folded from: by {@code version} or by {@code as_of}. */
class PointInTimeTest {

    private static final Instant CREATED = Instant.parse("2025-01-31T09:30:00.123456Z");
    /** Created, then updated one and three seconds later. */
    private static final List<DomainEventMessage<?>> HISTORY = List.of(
            event(0, CREATED), event(1, CREATED.plusSeconds(1)), event(2, CREATED.plusSeconds(3)));

    @Test
    void versionNIsTheFirstNEvents() {
        assertThat(sequences(PointInTime.atVersion(1))).containsExactly(0L);
        assertThat(sequences(PointInTime.atVersion(2))).containsExactly(0L, 1L);
        assertThat(sequences(PointInTime.atVersion(3))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aVersionBeyondTheLastEventIsNoState() {
        assertThat(sequences(PointInTime.atVersion(4))).isEmpty();
    }

    @Test
    void asOfTakesEveryEventThatHadHappenedByThen() {
        assertThat(sequences(PointInTime.at(CREATED.plusSeconds(2)))).containsExactly(0L, 1L);
        assertThat(sequences(PointInTime.at(CREATED.plusSeconds(60)))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void asOfBeforeTheCreationIsNoState() {
        assertThat(sequences(PointInTime.at(CREATED.minusMillis(1)))).isEmpty();
    }

    @Test
    void asOfAnEventsOccurredAtAsTheApiShowsItIncludesThatEvent() {
        // the API shows occurred_at in milliseconds: 09:30:00.123Z, though the event was stored at .123456
        assertThat(sequences(PointInTime.at(Instant.parse("2025-01-31T09:30:00.123Z")))).containsExactly(0L);
        assertThat(sequences(PointInTime.at(Instant.parse("2025-01-31T09:30:01.123Z")))).containsExactly(0L, 1L);
    }

    @Test
    void asOfIsAlwaysAPrefixOfTheHistoryEvenWhenClocksDisagree() {
        // the second write's clock ran behind the first's: its timestamp is before the creation
        List<DomainEventMessage<?>> skewed = List.of(event(0, CREATED), event(1, CREATED.minusSeconds(5)), event(2, CREATED.plusSeconds(3)));

        assertThat(PointInTime.at(CREATED.minusSeconds(1)).of(skewed)).isEmpty();
        assertThat(PointInTime.at(CREATED.plusSeconds(1)).of(skewed)).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
    }

    private static List<Long> sequences(PointInTime when) {
        return when.of(HISTORY).stream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private static DomainEventMessage<?> event(long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Customer", "6646caaf-b9c1-4642-a1f2-c0976a5d8d3f", sequence, "payload " + sequence,
                Map.of(), UUID.randomUUID().toString(), at);
    }
}
