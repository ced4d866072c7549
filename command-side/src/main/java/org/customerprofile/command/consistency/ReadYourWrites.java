package org.customerprofile.command.consistency;

import java.time.Duration;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.customerprofile.api.customer.FetchCustomerVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Holds a write's response until the read side shows it, so a {@code GET} after a {@code 201}/{@code 200}
 * sees the write. It subscribes to the read side's version of the customer (initial answer, then one
 * update per projected event) instead of polling; after {@code customers.consistency.wait} it gives up
 * and the caller answers {@code 202} rather than claim what it cannot show.
 */
@Component
public class ReadYourWrites {

    /** Response header saying whether the write is already readable: {@code applied} or {@code pending}. */
    public static final String HEADER = "Customers-Read-Model";

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final QueryGateway queries;
    private final Duration wait;

    ReadYourWrites(QueryGateway queries, @Value("${customers.consistency.wait:5s}") Duration wait) {
        this.queries = queries;
        this.wait = wait;
    }

    /** Whether the read model reflects the customer's aggregate sequence {@code sequence} within the wait. */
    public boolean awaitVisible(UUID customerId, long sequence) {
        SubscriptionQueryResult<Long, Long> versions = queries.subscriptionQuery(new FetchCustomerVersion(customerId),
                ResponseTypes.instanceOf(Long.class), ResponseTypes.instanceOf(Long.class));
        try {
            return Flux.concat(versions.initialResult().flux(), versions.updates())
                    .any(version -> version >= sequence)
                    .block(wait) == Boolean.TRUE;
        } catch (RuntimeException e) {
            log.warn("customer {} sequence {} not visible in the read model within {}: {}", customerId, sequence, wait, e.toString());
            return false;
        } finally {
            versions.cancel();
        }
    }
}
