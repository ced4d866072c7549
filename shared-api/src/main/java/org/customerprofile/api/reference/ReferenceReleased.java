package org.customerprofile.api.reference;

import java.util.UUID;

/** {@code customerId} stopped using the reference hashed to {@code referenceHash}; any customer of the company may claim it. */
public record ReferenceReleased(String claimId, UUID companyId, String referenceHash, UUID customerId) {
}
