package org.customerprofile.command.customer;

/** What {@link CustomerWrites#erase} did. */
sealed interface EraseOutcome permits EraseOutcome.Erased, EraseOutcome.Replayed, UpdateOutcome.NotFound, UpdateOutcome.Gone,
        WriteRefusal.IdempotencyKeyReused {

    /** The customer is erased by this request; {@code visible}: the read side already shows it gone. */
    record Erased(boolean visible) implements EraseOutcome {
    }

    /** An earlier request with the same idempotency key erased the customer; nothing ran again. */
    record Replayed() implements EraseOutcome {
    }
}
