package org.customerprofile.command.reference;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.ReferenceKey;
import org.customerprofile.api.reference.ReferenceClaimed;
import org.customerprofile.api.reference.ReferenceReleased;
import org.customerprofile.api.reference.ReleaseReference;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The life of one reference claim: it follows the claim's current holder and, when that customer's
 * reference changes to something else, releases the claim so the old reference can be used again.
 * Claiming itself is synchronous ({@link ReferenceClaims}); this saga only ever frees, and a release
 * that fails is retried (the saga's processor propagates errors instead of skipping the event).
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class ReferenceSaga {

    /** Axon's default name for this saga's processor; it keys the saga's tracking token. */
    public static final String PROCESSING_GROUP = "ReferenceSagaProcessor";

    private String claimId;
    private String reference;
    private UUID holder;

    @Autowired
    private transient CommandGateway commands;

    @StartSaga
    @SagaEventHandler(associationProperty = "claimId")
    void on(ReferenceClaimed event) {
        claimId = event.claimId();
        reference = event.reference();
        if (holder != null && !holder.equals(event.customerId())) {
            SagaLifecycle.removeAssociationWith("customerId", holder.toString());
        }
        holder = event.customerId();
        SagaLifecycle.associateWith("customerId", holder.toString());
    }

    @SagaEventHandler(associationProperty = "customerId")
    void on(CustomerUpdated event) {
        FieldChange change = event.changes().get(CustomerField.REFERENCE);
        if (change != null && event.customerId().equals(holder)
                && !(change.current() instanceof String now && ReferenceKey.same(now, reference))) {
            commands.sendAndWait(new ReleaseReference(claimId, holder));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "claimId")
    void on(ReferenceReleased event) {
        // the claim is free; a new claim starts a new saga
    }
}
