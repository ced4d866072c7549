package org.customerprofile.api.published;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A customer event as every consumer sees it: the history endpoint, the event feed and the Kafka topic.
 * This is the public contract (docs/events.md, docs/customer-event.schema.json); the event-sourcing
 * classes it is made from may change, this shape changes only with a new {@code schema_version}.
 *
 * @param eventId       unique and stable: the same event always carries the same id (consumers dedupe on it)
 * @param type          {@link #CREATED}, {@link #UPDATED} or {@link #ERASED}
 * @param sequence      the customer's own event count, 1 for its creation, without gaps
 * @param position      the event's place in the store's global order; increasing, with gaps
 * @param occurredAt    when the event was recorded, ISO-8601 UTC
 * @param actor         the app id whose request caused it
 * @param changes       every changed field by dotted path, with its value before and after; empty for {@link #ERASED}
 * @param erased        the customer was erased since: every personal value of {@code changes} is {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomerEvent(
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
        Map<String, Change> changes,
        boolean erased) {

    public static final String CREATED = "customer.created";
    public static final String UPDATED = "customer.updated";
    /** The customer was erased: a consumer deletes every personal value it holds of the customer. */
    public static final String ERASED = "customer.erased";
    public static final int SCHEMA_VERSION = 1;

    /** A field's value before and after the event; {@code null} means absent. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(Object old, @JsonProperty("new") Object current) {
    }
}
