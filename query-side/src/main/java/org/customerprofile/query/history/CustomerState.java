package org.customerprofile.query.history;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.query.customer.CustomerView;

/** A customer's state after a run of its events, folded by the one fold every reader shares ({@link Profile#apply}). */
final class CustomerState {

    private CustomerState() {
    }

    /** {@code events} start with the customer's {@link CustomerCreated}. */
    static CustomerView after(List<DomainEventMessage<?>> events) {
        DomainEventMessage<?> first = events.get(0);
        CustomerCreated created = (CustomerCreated) first.getPayload();
        Profile profile = created.profile();
        for (DomainEventMessage<?> event : events.subList(1, events.size())) {
            if (event.getPayload() instanceof CustomerUpdated updated) {
                profile = profile.apply(updated.changes());
            }
        }
        return new CustomerView(first.getAggregateIdentifier(), created.companyId().toString(), profile,
                first.getTimestamp(), events.get(events.size() - 1).getTimestamp());
    }
}
