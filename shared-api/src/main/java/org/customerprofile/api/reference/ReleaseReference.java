package org.customerprofile.api.reference;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Frees a reference if {@code customerId} still holds it; does nothing otherwise. */
public record ReleaseReference(@TargetAggregateIdentifier String claimId, UUID customerId) {
}
