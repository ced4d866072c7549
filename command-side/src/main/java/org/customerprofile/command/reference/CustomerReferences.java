package org.customerprofile.command.reference;

import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.ReferenceKey;
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
        Profile profile = Profile.EMPTY;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof CustomerCreated created) {
                profile = created.profile();
            } else if (payload instanceof CustomerUpdated updated) {
                profile = profile.apply(updated.changes());
            }
        }
        return ReferenceKey.same((String) profile.get(CustomerField.REFERENCE), reference);
    }
}
