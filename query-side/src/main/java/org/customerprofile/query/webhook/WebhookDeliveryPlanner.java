package org.customerprofile.query.webhook;

import java.time.Duration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.published.CustomerEvent;

/**
 * Plans, for every customer event, a delivery to each webhook that takes it: a row in
 * {@code webhook_delivery}, written in the same transaction as this processor's token, so a crash or a
 * restart neither loses nor doubles one. Nothing is sent here (a slow endpoint would hold every webhook
 * up): {@link WebhookDispatcher} sends, and is woken once the batch has committed.
 */
@ProcessingGroup(WebhookDeliveryPlanner.PROCESSING_GROUP)
class WebhookDeliveryPlanner {

    static final String PROCESSING_GROUP = "webhook-deliveries";

    private final DeliveryStore deliveries;
    private final WebhookDispatcher dispatcher;
    private final Duration maxAge;

    WebhookDeliveryPlanner(DeliveryStore deliveries, WebhookDispatcher dispatcher, Duration maxAge) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.maxAge = maxAge;
    }

    @EventHandler
    void on(CustomerCreated created, DomainEventMessage<CustomerCreated> event, TrackingToken position) {
        plan(event, CustomerEvent.CREATED, created.companyId().toString(), position);
    }

    @EventHandler
    void on(CustomerUpdated updated, DomainEventMessage<CustomerUpdated> event, TrackingToken position) {
        plan(event, CustomerEvent.UPDATED, updated.companyId().toString(), position);
    }

    @EventHandler
    void on(CustomerErased erased, DomainEventMessage<CustomerErased> event, TrackingToken position) {
        plan(event, CustomerEvent.ERASED, erased.companyId().toString(), position);
    }

    private void plan(DomainEventMessage<?> event, String type, String companyId, TrackingToken position) {
        int planned = deliveries.plan(companyId, event.getIdentifier(), position.position().orElseThrow(), type,
                event.getAggregateIdentifier(), event.getSequenceNumber() + 1, event.getTimestamp(), maxAge);
        if (planned > 0) {
            CurrentUnitOfWork.get().root().afterCommit(done -> dispatcher.wake());
        }
    }
}
