package org.customerprofile.command.idempotency;

/** Another request with the same key was recorded first (possibly while this one waited for it). */
public class IdempotencyKeyInUseException extends RuntimeException {

    IdempotencyKeyInUseException() {
        super("idempotency key already recorded");
    }
}
