package org.customerprofile.command.consistency;

import java.util.UUID;

/**
 * Holds a write's response until the read side shows it, so a {@code GET} after a {@code 201}/{@code 200}
 * sees the write; after {@code customers.consistency.wait} the caller answers {@code 202} rather than
 * claim what it cannot show. How the read side is watched is configuration
 * ({@code customers.consistency.source}): {@link ProjectionInThisProcess} when the projection runs in this
 * JVM, {@link ProjectionTokens} when it runs in other processes.
 */
public interface ReadYourWrites {

    /** Response header saying whether the write is already readable: {@code applied} or {@code pending}. */
    String HEADER = "Customers-Read-Model";

    /** Starts watching the customer, before its write is sent; the write closes the watch once it has its answer. */
    Watch watch(UUID customerId);

    /** One write's wait for the read model. */
    interface Watch extends AutoCloseable {

        /**
         * Whether the read model reflects the customer's aggregate sequence {@code sequence} within the wait.
         * {@code appendedSinceWatch}: this write appended that sequence after {@link #watch} (a create, an
         * erasure); not so for a repeated request or an update that changed nothing.
         */
        boolean awaitVisible(long sequence, boolean appendedSinceWatch);

        @Override
        void close();
    }
}
