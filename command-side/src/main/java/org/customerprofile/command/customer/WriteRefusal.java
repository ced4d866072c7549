package org.customerprofile.command.customer;

import java.util.UUID;

/** A create or an update refused because of what is already recorded; nothing was written. */
sealed interface WriteRefusal extends CreateOutcome, UpdateOutcome {

    /** Another customer of the company holds the reference. */
    record ReferenceTaken(UUID holder) implements WriteRefusal {
    }

    /** The idempotency key was used for a request with another method, path or body. */
    record IdempotencyKeyReused() implements WriteRefusal, EraseOutcome {
    }
}
