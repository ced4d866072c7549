package org.customerprofile.command.customer;

/** What {@link CustomerWrites#update} did. */
sealed interface UpdateOutcome permits UpdateOutcome.Updated, UpdateOutcome.Replayed, UpdateOutcome.NotFound, UpdateOutcome.Gone, WriteRefusal {

    /** The patch is applied (possibly changing nothing); {@code visible}: the read side already shows it. */
    record Updated(boolean visible) implements UpdateOutcome {
    }

    /** An earlier request with the same idempotency key applied the patch; nothing ran again. */
    record Replayed() implements UpdateOutcome {
    }

    /** No such customer for the caller's company (another company's customer is not found either). */
    record NotFound() implements UpdateOutcome, EraseOutcome {
    }

    /** The caller's customer was erased. */
    record Gone() implements UpdateOutcome, EraseOutcome {
    }
}
