package org.customerprofile.api.reference;

import java.util.UUID;

/**
 * {@code customerId} now holds the reference whose keyed hash is {@code referenceHash} within its company
 * (the reference itself is personal data, and never recorded here). {@code previousHolder} is set when the
 * claim was taken over from a customer that no longer uses the reference.
 */
public record ReferenceClaimed(String claimId, UUID companyId, String referenceHash, UUID customerId, UUID previousHolder) {
}
