package org.customerprofile.api.customer;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase a customer of {@code companyId}: its personal values become unreadable everywhere, its history stays. */
public record EraseCustomer(@TargetAggregateIdentifier UUID customerId, UUID companyId) {
}
