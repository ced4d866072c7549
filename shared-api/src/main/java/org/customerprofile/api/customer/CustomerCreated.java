package org.customerprofile.api.customer;

import java.util.UUID;
import org.customerprofile.api.EventRevision;

/** A customer was created with these field values (stored as dotted path → value; absent fields are left out). */
@EventRevision("1")
public record CustomerCreated(UUID customerId, UUID companyId, Profile profile) {
}
