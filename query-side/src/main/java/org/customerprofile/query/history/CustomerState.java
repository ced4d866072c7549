package org.customerprofile.query.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.query.customer.CustomerView;

/** A customer's state after a run of its events, folded as the aggregate and the projection fold them. */
final class CustomerState {

    private CustomerState() {
    }

    /** {@code events} start with the customer's {@link CustomerCreated}. */
    static CustomerView after(List<DomainEventMessage<?>> events) {
        DomainEventMessage<?> first = events.get(0);
        CustomerCreated created = (CustomerCreated) first.getPayload();
        Map<String, Object> profile = new HashMap<>(created.profile());
        events.stream().skip(1).map(DomainEventMessage::getPayload).forEach(payload -> {
            if (payload instanceof CustomerUpdated updated) {
                updated.changes().forEach((path, change) -> profile.put(path, change.current()));
            }
        });
        return new CustomerView(first.getAggregateIdentifier(), created.companyId().toString(), profile,
                first.getTimestamp(), events.get(events.size() - 1).getTimestamp());
    }
}
