package org.customerprofile.command.reference;

import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.springframework.stereotype.Component;

/** Which reference a customer uses now, read from its events: committed truth, never the read model. */
@Component
class CustomerReferences {

    private final EventStore events;

    CustomerReferences(EventStore events) {
        this.events = events;
    }

    boolean uses(UUID customerId, String reference) {
        DomainEventStream stream = events.readEvents(customerId.toString());
        String current = null;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof CustomerCreated created) {
                current = (String) created.profile().get("reference");
            } else if (payload instanceof CustomerUpdated updated && updated.changes().containsKey("reference")) {
                current = (String) updated.changes().get("reference").current();
            }
        }
        return current != null && ReferenceClaim.comparable(current).equals(ReferenceClaim.comparable(reference));
    }
}
