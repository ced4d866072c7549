package org.customerprofile.command.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.junit.jupiter.api.Test;

/** When a write counts as visible: the token arithmetic of {@link ProjectionTokens}. */
class ProjectionTokensTest {

    @Test
    void anEventIsHandledOnceTheTokenReachedItsPosition() {
        assertThat(ProjectionTokens.handled(GapAwareTrackingToken.newInstance(41, List.of()), 42)).isFalse();
        assertThat(ProjectionTokens.handled(GapAwareTrackingToken.newInstance(42, List.of()), 42)).isTrue();
        assertThat(ProjectionTokens.handled(GapAwareTrackingToken.newInstance(90, List.of()), 42)).isTrue();
    }

    @Test
    void aGapIsAnEventStillToCome() {
        GapAwareTrackingToken passedOver = GapAwareTrackingToken.newInstance(50, List.of(42L, 45L));

        assertThat(ProjectionTokens.handled(passedOver, 42)).isFalse();
        assertThat(ProjectionTokens.handled(passedOver, 43)).isTrue();
        assertThat(ProjectionTokens.handled(passedOver, 51)).isFalse();
    }

    @Test
    void duringAReplayOnlyWhatTheReplayHasReachedCounts() {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(100, List.of());
        GapAwareTrackingToken replayedSoFar = GapAwareTrackingToken.newInstance(10, List.of());

        assertThat(ProjectionTokens.handled(ReplayToken.createReplayToken(before, replayedSoFar), 42)).isFalse();
        assertThat(ProjectionTokens.handled(ReplayToken.createReplayToken(before, GapAwareTrackingToken.newInstance(60, List.of())), 42))
                .isTrue();
    }

    @Test
    void aMergingTokenCountsWhatBothHalvesHandled() {
        MergedTrackingToken merging = new MergedTrackingToken(GapAwareTrackingToken.newInstance(30, List.of()),
                GapAwareTrackingToken.newInstance(80, List.of()));

        assertThat(ProjectionTokens.handled(merging, 30)).isTrue();
        assertThat(ProjectionTokens.handled(merging, 31)).isFalse();
    }

    @Test
    void eachCustomerIsHandledByExactlyOneSegment() {
        for (int[] segmentIds : List.of(new int[] {0}, new int[] {0, 1}, new int[] {0, 1, 2, 3}, splitUnevenly())) {
            for (int i = 0; i < 200; i++) {
                UUID customer = UUID.randomUUID();
                assertThat(IntStream.of(segmentIds).filter(segment -> ProjectionTokens.handles(segment, segmentIds, customer)).count())
                        .as("segments handling %s among %s", customer, segmentIds.length).isEqualTo(1);
            }
        }
    }

    @Test
    void theSegmentIsTheOneAxonRoutesTheCustomerTo() {
        int[] segmentIds = {0, 1, 2, 3};
        UUID customer = UUID.fromString("7d4c2a10-5b1e-4f3a-9c2d-0a1b2c3d4e5f");
        int expected = Stream.of(Segment.computeSegments(segmentIds))
                .filter(segment -> segment.matches(customer.toString()))
                .mapToInt(Segment::getSegmentId).findFirst().orElseThrow();

        assertThat(IntStream.of(segmentIds).filter(segment -> ProjectionTokens.handles(segment, segmentIds, customer)))
                .containsExactly(expected);
    }

    /** Segments 0, 1 and 3 after segment 1 of two was split: one half-size and two quarter-size segments. */
    private static int[] splitUnevenly() {
        Segment one = Segment.computeSegment(1, 0, 1);
        Segment[] halves = one.split();
        return new int[] {0, halves[0].getSegmentId(), halves[1].getSegmentId()};
    }
}
