package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

class SkippedPositionsTest {

    @Test
    void positionsPassedWithoutAnEventAreGapsOfTheTokenHandedOn() {
        SkippedPositions skipped = new SkippedPositions(null);
        skipped.passed(1);
        skipped.passed(2);
        skipped.passed(5);
        skipped.passed(9);

        GapAwareTrackingToken position = skipped.position();
        assertThat(position.getIndex()).isEqualTo(9);
        assertThat(position.getGaps()).containsExactly(3L, 4L, 6L, 7L, 8L);
    }

    @Test
    void aStoreWhoseFirstEventIsNotAtTheFirstPositionStartsWithGapsBeforeIt() {
        SkippedPositions skipped = new SkippedPositions(null);
        skipped.passed(4);

        assertThat(skipped.position().getGaps()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void anEventCommittedLateIntoAGapClosesIt() {
        SkippedPositions skipped = new SkippedPositions(null);
        skipped.passed(1);
        skipped.passed(4);
        skipped.passed(3);

        assertThat(skipped.position().getIndex()).isEqualTo(4);
        assertThat(skipped.position().getGaps()).containsExactly(2L);
    }

    @Test
    void gapsFallOutOnceTheWindowHasPassedThem() {
        SkippedPositions skipped = new SkippedPositions(null);
        skipped.passed(1);
        skipped.passed(3);
        skipped.passed(3 + SkippedPositions.WINDOW);

        assertThat(skipped.position().getGaps()).doesNotContain(2L)
                .hasSize(SkippedPositions.WINDOW - 1)
                .first().isEqualTo(4L);
    }

    @Test
    void aJumpFarAheadRecordsOnlyTheWindowsWorthOfGaps() {
        SkippedPositions skipped = new SkippedPositions(null);
        skipped.passed(1);
        skipped.passed(5_000_000);

        assertThat(skipped.position().getGaps()).hasSize(SkippedPositions.WINDOW)
                .first().isEqualTo(5_000_000L - SkippedPositions.WINDOW);
    }

    @Test
    void aCopyFromAnEarlierPositionKeepsItsOpenGaps() {
        SkippedPositions skipped = new SkippedPositions(GapAwareTrackingToken.newInstance(10, List.of(6L, 8L)));
        skipped.passed(8);
        skipped.passed(12);

        assertThat(skipped.position().getIndex()).isEqualTo(12);
        assertThat(skipped.position().getGaps()).containsExactly(6L, 11L);
    }

    @Test
    void theHandedOnTokenIsACopy() {
        SkippedPositions skipped = new SkippedPositions(null);
        skipped.passed(3);
        GapAwareTrackingToken before = skipped.position();
        skipped.passed(2);

        assertThat(before.getGaps()).containsExactly(1L, 2L);
        assertThat(skipped.position().getGaps()).containsExactly(1L);
    }

    @Test
    void onlyAGapAwarePositionIsAccepted() {
        assertThatThrownBy(() -> new SkippedPositions(new GlobalSequenceTrackingToken(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
