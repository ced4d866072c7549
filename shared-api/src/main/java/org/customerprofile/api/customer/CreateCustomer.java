package org.customerprofile.api.customer;

import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a customer of {@code companyId} with the given leaf values by dotted path. */
public record CreateCustomer(@TargetAggregateIdentifier UUID customerId, UUID companyId, Map<String, Object> profile) {

    public CreateCustomer {
        profile = Map.copyOf(profile);
    }
}
