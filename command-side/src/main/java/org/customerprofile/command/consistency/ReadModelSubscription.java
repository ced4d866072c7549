package org.customerprofile.command.consistency;

import java.time.Duration;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.customerprofile.api.customer.FetchCustomerVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Read-your-writes through the query bus: subscribes to the read side's version of the customer (initial
 * answer, then one update per projected event) instead of polling. The query bus is in-process, so this
 * needs the projection in this JVM (the standalone run).
 */
class ReadModelSubscription implements ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSubscription.class);

    private final QueryGateway queries;
    private final Duration wait;

    ReadModelSubscription(QueryGateway queries, Duration wait) {
        this.queries = queries;
        this.wait = wait;
    }

    @Override
    public boolean awaitVisible(UUID customerId, long sequence) {
        SubscriptionQueryResult<Long, Long> versions = queries.subscriptionQuery(new FetchCustomerVersion(customerId),
                ResponseTypes.instanceOf(Long.class), ResponseTypes.instanceOf(Long.class));
        // Ended by cancelling the subscription to the updates, never by versions.cancel(): cancelling
        // only unregisters the update handler, while versions.cancel() completes its sink, and the
        // projection may be emitting this customer's version to that sink at the same moment (it emits
        // after its batch commits, when the initial result can already show the write). An update
        // emitted into a completed sink fails with FAIL_TERMINATED, and Axon's SimpleQueryUpdateEmitter
        // then logs an ERROR; into a sink nobody reads any more it is simply dropped. Merge, not concat:
        // the updates are subscribed from the start, so there is always a subscription to cancel.
        try {
            return Flux.merge(versions.initialResult().flux(), versions.updates())
                    .any(version -> version >= sequence)
                    .block(wait) == Boolean.TRUE;
        } catch (RuntimeException e) {
            log.warn("customer {} sequence {} not visible in the read model within {}: {}", customerId, sequence, wait, e.toString());
            return false;
        }
    }
}
