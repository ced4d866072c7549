package org.customerprofile.api.customer;

import java.util.Map;
import java.util.UUID;

/** Fields of a customer changed; only the changed leaves are listed, each with its old and new value. */
public record CustomerUpdated(UUID customerId, UUID companyId, Map<String, FieldChange> changes) {
}
