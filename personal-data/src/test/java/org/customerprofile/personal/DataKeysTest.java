package org.customerprofile.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the followers of the key cache are told; none of it touches the store. */
class DataKeysTest {

    private final DataKeys keys = new DataKeys(null, null, 100, Duration.ofHours(1));
    private final Follower follower = new Follower();

    DataKeysTest() {
        keys.follow(follower);
    }

    @Test
    void aFollowerIsToldOfAnErasureOnceHoweverOftenItIsRead() {
        UUID erased = UUID.randomUUID();

        keys.forget(erased);
        keys.forget(erased);
        keys.forget(erased);

        assertThat(follower.forgotten).containsExactly(erased);
        assertThat(keys.mayKeep(erased)).isFalse();
        assertThat(keys.mayKeep(UUID.randomUUID())).isTrue();
    }

    @Test
    void aFollowerDropsEverythingWhenErasuresCouldGoUnnoticed() {
        UUID whole = UUID.randomUUID();

        keys.suspendCache();

        assertThat(follower.suspensions).isEqualTo(1);
        assertThat(keys.mayKeep(whole)).isFalse();
        keys.resumeCache();
        assertThat(keys.mayKeep(whole)).isTrue();
    }

    private static final class Follower implements DataKeys.OpenedValueCache {

        final List<UUID> forgotten = new CopyOnWriteArrayList<>();
        volatile int suspensions;

        @Override
        public void forget(UUID customerId) {
            forgotten.add(customerId);
        }

        @Override
        public void forgetAll() {
            suspensions++;
        }
    }
}
