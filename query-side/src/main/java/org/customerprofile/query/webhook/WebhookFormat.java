package org.customerprofile.query.webhook;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.customerprofile.api.published.CustomerEvent;

/** How a webhook's deliveries are shaped and signed. */
enum WebhookFormat {
    /** The published event as the feed shows it, signed as Standard Webhooks specifies. */
    STANDARD(Set.of(CustomerEvent.CREATED, CustomerEvent.UPDATED, CustomerEvent.ERASED)),
    /** Acquired's {@code customer_new} webhook with its {@code Hash} header, for integrations written for Acquired. */
    ACQUIRED(Set.of(CustomerEvent.CREATED));

    private final Set<String> eventTypes;

    WebhookFormat(Set<String> eventTypes) {
        this.eventTypes = eventTypes;
    }

    /** The event types this format can carry. */
    Set<String> eventTypes() {
        return eventTypes;
    }

    @JsonValue
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<WebhookFormat> of(String code) {
        return Arrays.stream(values()).filter(format -> format.code().equals(code)).findFirst();
    }
}
