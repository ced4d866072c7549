package org.customerprofile.query.feed;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.api.published.CustomerEvent.Change;

/**
 * Translates the event store's customer events into the published {@link CustomerEvent}: the one place
 * that knows both shapes, so the stored events can evolve (by upcasters) without consumers noticing.
 * Values are those the customer object shows; events never held secrets.
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** Whether {@code event} is published: customer events are, reference claims are internal. */
    public static boolean isPublished(DomainEventMessage<?> event) {
        return event.getPayloadType() == CustomerCreated.class || event.getPayloadType() == CustomerUpdated.class
                || event.getPayloadType() == CustomerErased.class;
    }

    /**
     * {@code event}, a {@link CustomerCreated}, {@link CustomerUpdated} or {@link CustomerErased}, at global
     * {@code position}. A field whose value was erased is listed with {@code null} before and after.
     */
    public static CustomerEvent of(DomainEventMessage<?> event, long position) {
        return of(event, position, StoredProvenance.of(event));
    }

    /** {@code event} at {@code position}, its time and request taken from {@code provenance} instead of decoding its own. */
    static CustomerEvent of(DomainEventMessage<?> event, long position, StoredProvenance provenance) {
        // profiles and changes keep field order: fields appear as the customer object shows them
        Map<String, Change> changes = new LinkedHashMap<>();
        String type;
        String companyId;
        boolean erased;
        if (event.getPayload() instanceof CustomerCreated created) {
            type = CustomerEvent.CREATED;
            companyId = created.companyId().toString();
            erased = created.erased();
            // the profile's fields, erased ones included, in field order
            for (CustomerField field : CustomerField.values()) {
                if (created.profile().values().containsKey(field) || created.erasedFields().contains(field)) {
                    changes.put(field.path(), new Change(null, created.profile().get(field)));
                }
            }
        } else if (event.getPayload() instanceof CustomerUpdated updated) {
            type = CustomerEvent.UPDATED;
            companyId = updated.companyId().toString();
            erased = updated.erased();
            updated.changes().forEach((field, change) -> changes.put(field.path(), new Change(change.previous(), change.current())));
        } else if (event.getPayload() instanceof CustomerErased customerErased) {
            type = CustomerEvent.ERASED;
            companyId = customerErased.companyId().toString();
            erased = true;
        } else {
            throw new IllegalArgumentException("not a customer event: " + event.getPayloadType().getName());
        }
        return new CustomerEvent(event.getIdentifier(), type, CustomerEvent.SCHEMA_VERSION, companyId, event.getAggregateIdentifier(),
                event.getSequenceNumber() + 1, position, provenance.occurredAt(), provenance.appId(), provenance.requestId(), changes, erased);
    }
}
