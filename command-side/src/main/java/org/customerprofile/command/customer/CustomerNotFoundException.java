package org.customerprofile.command.customer;

import java.util.UUID;

/** The customer does not exist, or belongs to another company, which the caller must not learn. */
class CustomerNotFoundException extends RuntimeException {

    CustomerNotFoundException(UUID customerId) {
        super("no customer " + customerId);
    }
}
