package org.customerprofile.api.customer;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partial update in JSON merge-patch terms, flattened to leaves: each dotted path maps to its new
 * value, or to {@code null} to clear it; paths left out stay as they are.
 */
public record UpdateCustomer(@TargetAggregateIdentifier UUID customerId, UUID companyId, Map<String, Object> patch) {

    public UpdateCustomer {
        patch = Collections.unmodifiableMap(new TreeMap<>(patch));
    }
}
