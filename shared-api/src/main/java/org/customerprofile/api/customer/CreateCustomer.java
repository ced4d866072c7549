package org.customerprofile.api.customer;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a customer of {@code companyId} with the given field values. */
public record CreateCustomer(@TargetAggregateIdentifier UUID customerId, UUID companyId, Profile profile) {
}
