package org.customerprofile.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.Serializer;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.personal.DataKeys;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A company's customer events in global order, read straight from the event store. Positions become
 * visible in increasing order (the V4 migration hands them out in commit order), so "every event after
 * position n" is exact: resuming from any position a reader saw yields each later event once. A page is
 * read as positions first (the feed's index alone); only the events the {@link FeedEventCache} does not hold
 * are then read whole, opened and encoded.
 */
@Component
public class CustomerEventFeed {

    private static final String PAGE = """
            SELECT globalIndex
            FROM DomainEventEntry
            WHERE companyId = ? AND type = 'Customer' AND globalIndex > ?
            ORDER BY globalIndex
            LIMIT ?""";
    private static final String BETWEEN = """
            SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp,
                   payloadType, payloadRevision, payload, metaData
            FROM DomainEventEntry
            WHERE companyId = ? AND type = 'Customer' AND globalIndex BETWEEN ? AND ?
            ORDER BY globalIndex""";
    private static final String ONE = """
            SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp,
                   payloadType, payloadRevision, payload, metaData
            FROM DomainEventEntry
            WHERE eventIdentifier = ? AND type = 'Customer'""";
    private static final String HEAD = "SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry WHERE companyId = ? AND type = 'Customer'";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Configuration axon;
    private final ObjectMapper json;
    private final FeedEventCache served;

    CustomerEventFeed(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, Configuration axon, ObjectMapper json,
                      DataKeys keys, EventsProperties properties) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
        this.json = json;
        this.served = new FeedEventCache(keys, properties.feedCacheSize().toBytes(), ForkJoinPool.commonPool());
    }

    /** Up to {@code limit} of {@code companyId}'s events after position {@code after}, oldest first. */
    public List<FeedEvent> after(UUID companyId, long after, int limit) {
        List<Long> page = jdbc.queryForList(PAGE, Long.class, companyId.toString(), after, limit);
        Map<Long, FeedEvent> events = new HashMap<>(served.present(page));
        List<Long> unread = page.stream().filter(position -> !events.containsKey(position)).toList();
        if (!unread.isEmpty()) {
            // one range of the feed's index, as the page itself: a consumer's unread events are mostly its newest
            List<Row> rows = jdbc.query(BETWEEN, CustomerEventFeed::row, companyId.toString(), unread.get(0), unread.get(unread.size() - 1));
            for (CustomerEvent event : published(rows.stream().filter(row -> !events.containsKey(row.position())).toList())) {
                FeedEvent encoded = FeedEvent.of(event, encode(event));
                served.keep(encoded);
                events.put(event.position(), encoded);
            }
        }
        // an event gone between the two reads (none is ever deleted) is left out rather than shown half
        return page.stream().map(events::get).filter(Objects::nonNull).toList();
    }

    private byte[] encode(CustomerEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a published event could not be encoded", e);
        }
    }

    /**
     * The customer event {@code eventId} as the feed shows it now (an erased customer's with its values erased);
     * empty when there is no such customer event.
     */
    public Optional<CustomerEvent> byId(String eventId) {
        return published(jdbc.query(ONE, CustomerEventFeed::row, eventId)).stream().findFirst();
    }

    /** A stored event, with its time and request read from the row (the message would decode them again per event). */
    private record Row(TrackedDomainEventData<byte[]> event, StoredProvenance provenance) {

        long position() {
            return event.trackingToken().position().orElseThrow();
        }
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        String timeStamp = row.getString("timeStamp");
        byte[] metaData = row.getBytes("metaData");
        return new Row(new TrackedDomainEventData<>(
                new GlobalSequenceTrackingToken(row.getLong("globalIndex")),
                new GenericDomainEventEntry<>(row.getString("type"), row.getString("aggregateIdentifier"), row.getLong("sequenceNumber"),
                        row.getString("eventIdentifier"), timeStamp, row.getString("payloadType"),
                        row.getString("payloadRevision"), row.getBytes("payload"), metaData)),
                StoredProvenance.ofRow(timeStamp, metaData));
    }

    private List<CustomerEvent> published(List<Row> rows) {
        Map<String, StoredProvenance> provenance = new HashMap<>();
        rows.forEach(row -> provenance.put(row.event().getEventIdentifier(), row.provenance()));
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream().map(Row::event), serializer, axon.upcasterChain())
                .map(event -> PublishedEvents.of((DomainEventMessage<?>) event, event.trackingToken().position().orElseThrow(),
                        provenance.get(event.getIdentifier())))
                .toList();
    }

    /** The position of {@code companyId}'s latest event, 0 when it has none: reading after it waits for the next. */
    public long head(UUID companyId) {
        return jdbc.queryForObject(HEAD, Long.class, companyId.toString());
    }
}
