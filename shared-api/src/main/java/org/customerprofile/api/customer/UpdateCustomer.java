package org.customerprofile.api.customer;

import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partial update in JSON merge-patch terms, flattened to fields: each field maps to its new value, or
 * to {@code null} to clear it; fields left out stay as they are.
 */
public record UpdateCustomer(@TargetAggregateIdentifier UUID customerId, UUID companyId, Map<CustomerField, Object> patch) {

    /** @throws IllegalArgumentException for a value of the wrong type */
    public UpdateCustomer {
        patch.forEach((field, value) -> {
            if (value != null) {
                field.requireType(value);
            }
        });
        patch = Profile.inFieldOrder(patch);
    }
}
