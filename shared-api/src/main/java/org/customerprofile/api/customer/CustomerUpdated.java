package org.customerprofile.api.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;

/**
 * Fields of a customer changed; only the changed fields are listed, each with its old and new value,
 * in field order. Stored with the fields' dotted paths as keys.
 *
 * @param erased whether the personal values were erased with the customer: read after the erasure, every
 *               personal field's change is {@code null} to {@code null}; never stored
 */
public record CustomerUpdated(UUID customerId, UUID companyId, Map<CustomerField, FieldChange> changes,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean erased) {

    public CustomerUpdated {
        changes = Profile.inFieldOrder(changes);
    }

    public CustomerUpdated(UUID customerId, UUID companyId, Map<CustomerField, FieldChange> changes) {
        this(customerId, companyId, changes, false);
    }
}
