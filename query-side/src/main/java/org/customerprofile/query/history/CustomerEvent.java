package org.customerprofile.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerFields;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.query.customer.CustomerView;

/**
 * One customer event as clients see it: who did what and when, each changed field with its value
 * before and after. Values are those the customer object shows; events never held secrets.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CustomerEvent(
        @JsonProperty("event_id") String eventId,
        String type,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("company_id") String companyId,
        @JsonProperty("customer_id") String customerId,
        long sequence,
        long position,
        @JsonProperty("occurred_at") String occurredAt,
        String actor,
        @JsonProperty("request_id") String requestId,
        Map<String, Change> changes) {

    /** The shape above; upcasters bring older stored payloads to it, so it changes only with this record. */
    static final int SCHEMA_VERSION = 1;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Change(Object old, @JsonProperty("new") Object current) {
    }

    /** {@code event}, a {@link CustomerCreated} or {@link CustomerUpdated}, at global {@code position}. */
    static CustomerEvent of(DomainEventMessage<?> event, long position) {
        Map<String, Change> changes = new LinkedHashMap<>();
        String type;
        String companyId;
        if (event.getPayload() instanceof CustomerCreated created) {
            type = "customer.created";
            companyId = created.companyId().toString();
            created.profile().forEach((path, value) -> changes.put(path, new Change(null, value)));
        } else if (event.getPayload() instanceof CustomerUpdated updated) {
            type = "customer.updated";
            companyId = updated.companyId().toString();
            updated.changes().forEach((path, change) -> changes.put(path, new Change(change.previous(), change.current())));
        } else {
            throw new IllegalArgumentException("not a customer event: " + event.getPayloadType().getName());
        }
        return new CustomerEvent(event.getIdentifier(), type, SCHEMA_VERSION, companyId, event.getAggregateIdentifier(),
                event.getSequenceNumber() + 1, position, CustomerView.timestamp(event.getTimestamp()),
                (String) event.getMetaData().get("appId"), (String) event.getMetaData().get("requestId"), inFieldOrder(changes));
    }

    /** Stored maps keep no useful order; show fields in the order the customer object does. */
    private static Map<String, Change> inFieldOrder(Map<String, Change> changes) {
        List<String> fieldOrder = List.copyOf(CustomerFields.LEAVES.keySet());
        List<String> paths = new ArrayList<>(changes.keySet());
        paths.sort(Comparator.comparingInt(path -> fieldOrder.contains(path) ? fieldOrder.indexOf(path) : Integer.MAX_VALUE));
        Map<String, Change> ordered = new LinkedHashMap<>();
        paths.forEach(path -> ordered.put(path, changes.get(path)));
        return ordered;
    }
}
