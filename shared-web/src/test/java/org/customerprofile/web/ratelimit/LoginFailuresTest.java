package org.customerprofile.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counting, on in-memory buckets with a clock the test moves (the service keeps them in PostgreSQL). */
class LoginFailuresTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final LoginFailures failures = new LoginFailures(
            (key, configuration) -> buckets.computeIfAbsent(key, k -> Bucket.builder().withCustomTimePrecision(clock)
                    .addLimit(configuration.getBandwidths()[0]).build()),
            new RateLimitsProperties.Login(3, 5, WINDOW));

    @Test
    void afterTheAllowedFailuresTheAppIsRefusedFromThatAddressUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(failures.admit("app1", "192.0.2.1")).isEmpty();
        }

        assertThat(failures.admit("app1", "192.0.2.1")).hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(WINDOW));
        assertThat(failures.admit("app1", "192.0.2.2")).as("another address").isEmpty();
        assertThat(failures.admit("app2", "192.0.2.1")).as("another app from the same address").isEmpty();

        clock.advance(WINDOW);
        assertThat(failures.admit("app1", "192.0.2.1")).isEmpty();
    }

    @Test
    void aSuccessfulLoginDoesNotCount() {
        for (int i = 0; i < 10; i++) {
            assertThat(failures.admit("app1", "192.0.2.1")).isEmpty();
            failures.succeeded("app1", "192.0.2.1");
        }
    }

    @Test
    void anAddressTryingManyAppIdsIsRefusedForAllOfThem() {
        for (int i = 0; i < 5; i++) {
            assertThat(failures.admit("app" + i, "192.0.2.1")).isEmpty();
        }

        assertThat(failures.admit("app9", "192.0.2.1")).isPresent();
        assertThat(failures.admit("app1", "192.0.2.1")).isPresent();
        assertThat(failures.admit("app9", "192.0.2.3")).isEmpty();
    }

    @Test
    void anAttemptRefusedByTheAddressLimitDoesNotUseUpTheAppsAllowance() {
        for (int i = 0; i < 5; i++) {
            failures.admit("other" + i, "192.0.2.1");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(failures.admit("app1", "192.0.2.1")).isPresent();
        }

        clock.advance(WINDOW);
        for (int i = 0; i < 3; i++) {
            assertThat(failures.admit("app1", "192.0.2.1")).isEmpty();
        }
    }

    @Test
    void keysFitTheTableWhateverTheAppId() {
        assertThat(LoginFailures.appKey("company1", "192.0.2.1")).isEqualTo("app:company1@192.0.2.1");
        assertThat(LoginFailures.appKey("x".repeat(5000), "2001:db8:1:2::/64")).hasSizeLessThan(255);
    }

    private static final class ManualClock implements TimeMeter {
        private long nanos;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
