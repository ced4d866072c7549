package org.customerprofile.query.feed;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import org.customerprofile.api.published.CustomerEvent;

/**
 * A customer event as the feed serves it: its JSON, encoded once, and what the feed needs to know of it. A page of
 * them is written as their JSON side by side ({@link JsonValue}), so an event served again is not encoded again.
 *
 * @param position   the event's position
 * @param customerId the customer whose key opened its values
 * @param type       its {@link CustomerEvent#type()}
 * @param json       the {@link CustomerEvent}'s JSON, as the service's object mapper writes it
 */
public record FeedEvent(long position, String customerId, String type, SerializedString json) {

    /** {@code event} with its JSON as encoded in UTF-8: the bytes a page is written with, encoded once. */
    static FeedEvent of(CustomerEvent event, byte[] json) {
        return new FeedEvent(event.position(), event.customerId(), event.type(), new Utf8Json(json));
    }

    /**
     * The memory it holds in a cache: its JSON as bytes and as text (at most as many characters as bytes), and about
     * 300 bytes for the rest of it and its entry (100,000 events of 811 bytes took 192 MB: 1.97 KB each).
     */
    int weight() {
        return 2 * json.asUnquotedUTF8().length + 320;
    }

    @JsonValue
    RawValue asJson() {
        return new RawValue(json);
    }

    /** JSON whose UTF-8 form is known already: a UTF-8 generator copies these bytes rather than encode the text again. */
    private static final class Utf8Json extends SerializedString {

        Utf8Json(byte[] utf8) {
            super(new String(utf8, StandardCharsets.UTF_8));
            _unquotedUTF8Ref = utf8;
        }
    }
}
