package org.customerprofile.command.consistency;

import java.util.UUID;

/**
 * Holds a write's response until the read side shows it, so a {@code GET} after a {@code 201}/{@code 200}
 * sees the write; after {@code customers.consistency.wait} the caller answers {@code 202} rather than
 * claim what it cannot show. How the read side is watched is configuration
 * ({@code customers.consistency.source}): {@link ReadModelSubscription} when the projection runs in this
 * JVM, {@link ProjectionTokens} when it runs in other processes.
 */
public interface ReadYourWrites {

    /** Response header saying whether the write is already readable: {@code applied} or {@code pending}. */
    String HEADER = "Customers-Read-Model";

    /** Whether the read model reflects the customer's aggregate sequence {@code sequence} within the wait. */
    boolean awaitVisible(UUID customerId, long sequence);
}
