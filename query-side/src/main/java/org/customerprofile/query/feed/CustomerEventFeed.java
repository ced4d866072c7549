package org.customerprofile.query.feed;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.Serializer;
import org.customerprofile.api.published.CustomerEvent;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A company's customer events in global order, read straight from the event store. Positions become
 * visible in increasing order (the V4 migration hands them out in commit order), so "every event after
 * position n" is exact: resuming from any position a reader saw yields each later event once.
 */
@Component
public class CustomerEventFeed {

    /** The page query: public so that a benchmark can time the store answering it alone. */
    public static final String PAGE = """
            SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp,
                   payloadType, payloadRevision, payload, metaData
            FROM DomainEventEntry
            WHERE companyId = ? AND type = 'Customer' AND globalIndex > ?
            ORDER BY globalIndex
            LIMIT ?""";
    private static final String ONE = """
            SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp,
                   payloadType, payloadRevision, payload, metaData
            FROM DomainEventEntry
            WHERE eventIdentifier = ? AND type = 'Customer'""";
    private static final String HEAD = "SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry WHERE companyId = ? AND type = 'Customer'";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Configuration axon;

    CustomerEventFeed(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, Configuration axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
    }

    /** Up to {@code limit} of {@code companyId}'s events after position {@code after}, oldest first. */
    public List<CustomerEvent> after(UUID companyId, long after, int limit) {
        return published(jdbc.query(PAGE, CustomerEventFeed::row, companyId.toString(), after, limit));
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
