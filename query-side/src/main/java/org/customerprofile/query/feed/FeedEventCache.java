package org.customerprofile.query.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.customerprofile.personal.DataKeys;

/**
 * Customer events as the feed last served them, by position, so that one read again — by another consumer, by the
 * same one resuming, by the live streams — is neither opened nor encoded again. It holds personal values in the
 * clear, so it follows the data keys ({@link DataKeys.OpenedValueCache}): an erased customer's events are dropped as
 * soon as this process learns of the erasure, nothing is served or kept while erasures could go unnoticed, and an
 * event opened just before an erasure is dropped again if the erasure was seen meanwhile. Bounded by
 * {@code customers.events.feed-cache-size}; an event that is not in it is read and opened from the store.
 */
class FeedEventCache implements DataKeys.OpenedValueCache {

    private final DataKeys keys;
    private final Cache<Long, FeedEvent> events;

    /** Keeps events up to {@code maximumBytes}; {@code maintenance} runs its bookkeeping and evictions (not the reader). */
    FeedEventCache(DataKeys keys, long maximumBytes, Executor maintenance) {
        this.keys = keys;
        this.events = Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher((Long position, FeedEvent event) -> event.weight())
                .executor(maintenance)
                .build();
        keys.follow(this);
    }

    /** Those of the events at {@code positions} it holds, by position; none while erasures could go unnoticed. */
    Map<Long, FeedEvent> present(Collection<Long> positions) {
        return keys.cacheInUse() ? events.getAllPresent(positions) : Map.of();
    }

    /** Keeps {@code event}, unless its customer is known erased or erasures could go unnoticed. */
    void keep(FeedEvent event) {
        events.put(event.position(), event);
        // checked after the put: an erasure or suspension seen meanwhile removes it again
        if (!keys.mayKeep(UUID.fromString(event.customerId()))) {
            events.asMap().remove(event.position(), event);
        }
    }

    @Override
    public void forget(UUID customerId) {
        String customer = customerId.toString();
        events.asMap().values().removeIf(event -> event.customerId().equals(customer));
    }

    @Override
    public void forgetAll() {
        events.invalidateAll();
    }
}
