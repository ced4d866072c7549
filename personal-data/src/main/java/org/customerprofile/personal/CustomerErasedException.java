package org.customerprofile.personal;

import java.util.UUID;

/** A personal value of an erased customer was to be encrypted: its key is gone for good. */
public class CustomerErasedException extends IllegalStateException {

    public CustomerErasedException(UUID customerId) {
        super("customer " + customerId + " is erased: its values cannot be stored");
    }
}
