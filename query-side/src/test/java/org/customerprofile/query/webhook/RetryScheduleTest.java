package org.customerprofile.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Duration INITIAL = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void waitsDoubleFromTheInitialIntervalUpToTheMaximum() {
        RetrySchedule longest = new RetrySchedule(INITIAL, MAX, () -> 0.999_999_999);

        assertThat(longest.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(longest.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(longest.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(longest.after(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(longest.after(8)).isEqualTo(MAX);
        assertThat(longest.after(1000)).isEqualTo(MAX);
    }

    @Test
    void jitterDrawsEachWaitBetweenHalfAndAllOfIt() {
        RetrySchedule shortest = new RetrySchedule(INITIAL, MAX, () -> 0.0);
        RetrySchedule middle = new RetrySchedule(INITIAL, MAX, () -> 0.5);

        assertThat(shortest.after(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(middle.after(2)).isEqualTo(Duration.ofSeconds(45));
        assertThat(shortest.after(1000)).isEqualTo(MAX.dividedBy(2));
    }
}
