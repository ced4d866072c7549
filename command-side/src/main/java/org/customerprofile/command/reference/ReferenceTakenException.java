package org.customerprofile.command.reference;

import java.util.UUID;

/** Another customer of the same company uses the reference. */
public class ReferenceTakenException extends RuntimeException {

    private final UUID holder;

    ReferenceTakenException(UUID holder) {
        super("reference is used by customer " + holder);
        this.holder = holder;
    }

    public UUID holder() {
        return holder;
    }
}
