package org.customerprofile.query.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.query.feed.PublishedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * A customer's events as the event store holds them (the read model keeps only the latest state), and
 * only for the company that owns the customer: to any other caller the customer has no history at all.
 */
@Component
class CustomerHistory {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final String positionsQuery;

    CustomerHistory(EventStore eventStore, JdbcTemplate jdbc, EventSchema schema) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.positionsQuery = "SELECT " + schema.sequenceNumberColumn() + ", " + schema.globalIndexColumn()
                + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " BETWEEN ? AND ?";
    }

    /** The customer's events, oldest first; empty when {@code customerId} names no customer of {@code companyId}. */
    Optional<List<DomainEventMessage<?>>> of(String customerId, UUID companyId) {
        if (!isCustomerId(customerId)) {
            return Optional.empty();
        }
        // from sequence 0, not readEvents(id): that would start at a snapshot, which is no history
        List<DomainEventMessage<?>> events = eventStore.readEvents(customerId, 0).asStream()
                .filter(PublishedEvents::isPublished)
                .<DomainEventMessage<?>>map(event -> event)
                .toList();
        if (!events.isEmpty() && events.get(events.size() - 1).getPayloadType() == CustomerErased.class) {
            // read first (payloads are read lazily), so that no earlier event is opened with a key still cached
            events.get(events.size() - 1).getPayload();
        }
        if (events.isEmpty() || !(events.get(0).getPayload() instanceof CustomerCreated created)
                || !created.companyId().equals(companyId)) {
            return Optional.empty();
        }
        return Optional.of(events);
    }

    /** Whether a customer's history ends with its erasure. */
    static boolean isErased(List<DomainEventMessage<?>> events) {
        return !events.isEmpty() && events.get(events.size() - 1).getPayload() instanceof CustomerErased;
    }

    /**
     * The global position (the event store's index) of the customer's events with aggregate sequence
     * numbers {@code first}..{@code last}, by sequence number. Axon reads an aggregate's events without
     * their global index, so it is looked up by the (aggregate, sequence) key the table is unique on.
     */
    Map<Long, Long> positions(String customerId, long first, long last) {
        Map<Long, Long> positions = new HashMap<>();
        jdbc.query(positionsQuery, (RowCallbackHandler) row -> positions.put(row.getLong(1), row.getLong(2)), customerId, first, last);
        return positions;
    }

    /** Only a customer id as we issue them: other aggregates (reference claims) live under other ids. */
    private static boolean isCustomerId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
