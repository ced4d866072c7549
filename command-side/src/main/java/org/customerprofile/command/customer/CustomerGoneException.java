package org.customerprofile.command.customer;

import java.util.UUID;

/** The caller's customer was erased: nothing may be written to it again. */
class CustomerGoneException extends RuntimeException {

    CustomerGoneException(UUID customerId) {
        super("customer " + customerId + " is erased");
    }
}
