package org.customerprofile.api.reference;

import java.util.UUID;

/**
 * {@code customerId} now holds {@code reference} within its company. {@code previousHolder} is set when
 * the claim was taken over from a customer that no longer uses the reference.
 */
public record ReferenceClaimed(String claimId, UUID companyId, String reference, UUID customerId, UUID previousHolder) {
}
