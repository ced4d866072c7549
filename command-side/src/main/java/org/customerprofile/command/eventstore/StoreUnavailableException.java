package org.customerprofile.command.eventstore;

/** The event store's database cannot be reached right now; the write was not applied and may be sent again. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("the event store cannot be reached: " + cause.getMessage(), cause);
    }
}
