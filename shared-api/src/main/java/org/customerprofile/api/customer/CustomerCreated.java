package org.customerprofile.api.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.customerprofile.api.EventRevision;

/**
 * A customer was created with these field values (stored as dotted path → value; absent fields are left out).
 *
 * @param erasedFields the personal fields the customer was created with whose values are erased: read after
 *                     the customer's erasure, they are left out of {@code profile} and named here; empty for a
 *                     readable event, and never stored
 */
@EventRevision("1")
public record CustomerCreated(UUID customerId, UUID companyId, Profile profile,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Set<CustomerField> erasedFields) {

    public CustomerCreated {
        erasedFields = erasedFields == null || erasedFields.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(erasedFields));
    }

    public CustomerCreated(UUID customerId, UUID companyId, Profile profile) {
        this(customerId, companyId, profile, Set.of());
    }

    /** Whether personal values of this event were erased with the customer. */
    public boolean erased() {
        return !erasedFields.isEmpty();
    }
}
