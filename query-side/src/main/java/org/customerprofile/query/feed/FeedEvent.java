package org.customerprofile.query.feed;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.UUID;
import org.customerprofile.api.published.CustomerEvent;

/**
 * A customer event as the feed serves it: the published event and its JSON, encoded once. A page of them is written
 * as their JSON side by side ({@link JsonValue}), so an event served again is not encoded again.
 *
 * @param event the published event
 * @param json  its JSON, as the service's object mapper writes it (its UTF-8 bytes are kept once first written)
 */
public record FeedEvent(CustomerEvent event, SerializedString json) {

    /** The customer whose key opened the event's values. */
    UUID customerId() {
        return UUID.fromString(event.customerId());
    }

    long position() {
        return event.position();
    }

    /** About the memory it holds: its JSON as text and as bytes, and the event's objects about as much again. */
    int weight() {
        return 4 * json.charLength();
    }

    @JsonValue
    RawValue asJson() {
        return new RawValue(json);
    }
}
