package org.customerprofile.command.customer;

import java.util.UUID;

/** What {@link CustomerWrites#create} did. {@code visible}: the read side already shows the customer. */
sealed interface CreateOutcome permits CreateOutcome.Created, CreateOutcome.Replayed, WriteRefusal {

    /** The customer was created by this request. */
    record Created(UUID customerId, boolean visible) implements CreateOutcome {
    }

    /** An earlier request with the same idempotency key created the customer; nothing ran again. */
    record Replayed(UUID customerId, boolean visible) implements CreateOutcome {
    }
}
