package org.customerprofile.query.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.query.customer.CustomerView;

/**
 * When an event was recorded and which request of which app caused it, as the published event shows them, read
 * from the stored row itself. The feed serves pages of hundreds of events, and Axon's generic decoding of the same
 * columns — the time parsed into an {@link Instant} and formatted again, the whole metadata object bound through a
 * Jackson reader per event — was a third of what serving a page cost (profile in BENCHMARKS.md, "Cost of
 * encryption"). No upcaster changes metadata or times, so the row holds exactly what the message would.
 */
record StoredProvenance(String occurredAt, String appId, String requestId) {

    private static final JsonFactory JSON = new JsonFactory();
    /** The stored form of every time Axon writes: seconds, then 3 to 9 digits of fraction, in UTC. */
    private static final int MILLISECONDS_END = "yyyy-MM-ddTHH:mm:ss.SSS".length();

    /** From a message already decoded (Kafka, history): its own time and metadata. */
    static StoredProvenance of(DomainEventMessage<?> event) {
        return new StoredProvenance(CustomerView.timestamp(event.getTimestamp()), (String) event.getMetaData().get("appId"),
                (String) event.getMetaData().get("requestId"));
    }

    /** From an event-store row: its {@code timeStamp} and {@code metaData} columns. */
    static StoredProvenance ofRow(String timeStamp, byte[] metaData) {
        String appId = null;
        String requestId = null;
        try (JsonParser parser = JSON.createParser(metaData)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("stored metadata is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("appId".equals(name) && value == JsonToken.VALUE_STRING) {
                    appId = parser.getText();
                } else if ("requestId".equals(name) && value == JsonToken.VALUE_STRING) {
                    requestId = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata does not read", e);
        }
        return new StoredProvenance(published(timeStamp), appId, requestId);
    }

    /**
     * The published form (ISO 8601 UTC to the millisecond, {@link CustomerView#timestamp}) of a stored time: its
     * first 23 characters and {@code Z} when it has Axon's usual form, else parsed and formatted.
     */
    static String published(String stored) {
        if (stored.length() > MILLISECONDS_END && stored.charAt(4) == '-' && stored.charAt(10) == 'T' && stored.charAt(19) == '.'
                && stored.endsWith("Z") && digits(stored, MILLISECONDS_END - 3, stored.length() - 1)) {
            return stored.substring(0, MILLISECONDS_END) + 'Z';
        }
        return CustomerView.timestamp(DateTimeUtils.parseInstant(stored));
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
