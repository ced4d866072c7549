package org.customerprofile.api.customer;

import java.util.UUID;

/**
 * The customer was erased at the request of the person (right to erasure): its data key is destroyed in the
 * same transaction, so no personal value of any of its events can be read again. The last event of a customer.
 */
public record CustomerErased(UUID customerId, UUID companyId) {
}
