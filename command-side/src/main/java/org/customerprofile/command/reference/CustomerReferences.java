package org.customerprofile.command.reference;

import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.personal.ReferenceHashes;
import org.springframework.stereotype.Component;

/** Which reference a customer uses now, read from its events: committed truth, never the read model. */
@Component
class CustomerReferences {

    private final EventStore events;
    private final ReferenceHashes hashes;

    CustomerReferences(EventStore events, ReferenceHashes hashes) {
        this.events = events;
        this.hashes = hashes;
    }

    /** Whether the customer's reference now hashes to {@code referenceHash}; an erased customer uses none. */
    boolean uses(UUID customerId, String referenceHash) {
        DomainEventStream stream = events.readEvents(customerId.toString());
        UUID companyId = null;
        Profile profile = Profile.EMPTY;
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof CustomerCreated created) {
                companyId = created.companyId();
                profile = created.profile();
            } else if (payload instanceof CustomerUpdated updated) {
                profile = profile.apply(updated.changes());
            }
        }
        return companyId != null && hashes.matches(companyId, (String) profile.get(CustomerField.REFERENCE), referenceHash);
    }
}
