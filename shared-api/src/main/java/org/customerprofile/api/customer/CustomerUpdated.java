package org.customerprofile.api.customer;

import java.util.Map;
import java.util.UUID;

/**
 * Fields of a customer changed; only the changed fields are listed, each with its old and new value,
 * in field order. Stored with the fields' dotted paths as keys.
 */
public record CustomerUpdated(UUID customerId, UUID companyId, Map<CustomerField, FieldChange> changes) {

    public CustomerUpdated {
        changes = Profile.inFieldOrder(changes);
    }
}
