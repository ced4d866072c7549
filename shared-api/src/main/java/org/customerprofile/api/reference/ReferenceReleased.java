package org.customerprofile.api.reference;

import java.util.UUID;

/** {@code customerId} stopped using {@code reference}; any customer of the company may claim it. */
public record ReferenceReleased(String claimId, UUID companyId, String reference, UUID customerId) {
}
