package org.customerprofile.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.personal.DataKeys;
import org.junit.jupiter.api.Test;

class FeedEventCacheTest {

    private static final String COMPANY = "11111111-1111-4111-8111-111111111111";

    // the cache's rules need no store: only what this process knows of erasures and suspensions; its evictions run
    // on the calling thread, so the bound holds when keep returns
    private final DataKeys keys = new DataKeys(null, null, 100, Duration.ofHours(1));
    private final FeedEventCache cache = new FeedEventCache(keys, 1_000_000, Runnable::run);

    @Test
    void servesWhatItKeptAndNothingElse() {
        FeedEvent kept = event(UUID.randomUUID(), 1);

        cache.keep(kept);

        assertThat(cache.present(List.of(kept.position(), 2L))).isEqualTo(Map.of(kept.position(), kept));
    }

    @Test
    void anErasureDropsEveryEventOfThatCustomerAndNoOther() {
        UUID erased = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        FeedEvent created = event(erased, 1);
        FeedEvent updated = event(erased, 2);
        FeedEvent others = event(other, 3);
        List.of(created, updated, others).forEach(cache::keep);

        keys.forget(erased);

        assertThat(cache.present(positions(created, updated, others))).containsOnlyKeys(others.position());
    }

    @Test
    void anEventOpenedBeforeAnErasureItMissedIsNotKept() {
        UUID customer = UUID.randomUUID();
        FeedEvent openedBefore = event(customer, 1);
        keys.forget(customer);

        cache.keep(openedBefore);

        assertThat(cache.present(positions(openedBefore))).isEmpty();
    }

    @Test
    void whileErasuresCouldGoUnnoticedNothingIsServedOrKept() {
        FeedEvent before = event(UUID.randomUUID(), 1);
        cache.keep(before);

        keys.suspendCache();
        FeedEvent during = event(UUID.randomUUID(), 2);
        cache.keep(during);

        assertThat(cache.present(positions(before, during))).isEmpty();
        keys.resumeCache();
        assertThat(cache.present(positions(before, during))).as("dropped, not merely hidden").isEmpty();
        cache.keep(during);
        assertThat(cache.present(positions(during))).hasSize(1);
    }

    @Test
    void holdsNoMoreThanItsBudget() {
        FeedEvent one = event(UUID.randomUUID(), 1);
        FeedEventCache small = new FeedEventCache(keys, 10L * one.weight(), Runnable::run);
        List<FeedEvent> events = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            FeedEvent event = event(UUID.randomUUID(), n);
            events.add(event);
            small.keep(event);
        }

        assertThat(small.present(positions(events.toArray(FeedEvent[]::new)))).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void isWrittenAsTheEventItHoldsToBytesAndToText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        CustomerEvent published = customerEvent(UUID.randomUUID(), 7, "Zoë 東京 \"quoted\" 🎉");
        FeedEvent event = FeedEvent.of(published, json.writeValueAsBytes(published));
        // as a UTF-8 generator writes the event itself (characters beyond the BMP escaped, as HTTP answers always had them)
        String one = new String(json.writeValueAsBytes(published), StandardCharsets.UTF_8);
        String expected = "[" + one + "," + one + "]";

        assertThat(new String(json.writeValueAsBytes(List.of(event, event)), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(json.writeValueAsString(List.of(event, event))).isEqualTo(expected);
    }

    private static List<Long> positions(FeedEvent... events) {
        return Arrays.stream(events).map(FeedEvent::position).toList();
    }

    private static FeedEvent event(UUID customerId, long position) {
        CustomerEvent event = customerEvent(customerId, position, "Ada");
        try {
            return FeedEvent.of(event, new ObjectMapper().writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CustomerEvent customerEvent(UUID customerId, long position, String firstName) {
        return new CustomerEvent(UUID.randomUUID().toString(), CustomerEvent.CREATED, CustomerEvent.SCHEMA_VERSION, COMPANY,
                customerId.toString(), 1, position, "2026-12-03T07:00:00.000Z", "company1", "req-" + position,
                Map.of("first_name", new CustomerEvent.Change(null, firstName)), false);
    }
}
