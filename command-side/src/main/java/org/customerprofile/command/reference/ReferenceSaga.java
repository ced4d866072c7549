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
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.reference.ReferenceClaimed;
import org.customerprofile.api.reference.ReferenceReleased;
import org.customerprofile.api.reference.ReleaseReference;
import org.customerprofile.personal.ReferenceHashes;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The life of one reference claim: it follows the claim's current holder and, when that customer's
 * reference changes to something else, or the customer is erased, releases the claim so the old reference
 * can be used again. It keeps the reference's keyed hash only, never the reference.
 * Claiming itself is synchronous ({@link ReferenceClaims}); this saga only ever frees, and a release
 * that fails is retried (the saga's processor propagates errors instead of skipping the event).
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class ReferenceSaga {

    /** Axon's default name for this saga's processor; it keys the saga's tracking token. */
    public static final String PROCESSING_GROUP = "ReferenceSagaProcessor";

    private String claimId;
    private String referenceHash;
    private UUID holder;

    @Autowired
    private transient CommandGateway commands;
    @Autowired
    private transient ReferenceHashes hashes;

    @StartSaga
    @SagaEventHandler(associationProperty = "claimId")
    void on(ReferenceClaimed event) {
        claimId = event.claimId();
        referenceHash = event.referenceHash();
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
                && !(change.current() instanceof String now && hashes.matches(event.companyId(), now, referenceHash))) {
            commands.sendAndWait(new ReleaseReference(claimId, holder));
        }
    }

    @SagaEventHandler(associationProperty = "customerId")
    void on(CustomerErased event) {
        if (event.customerId().equals(holder)) {
            commands.sendAndWait(new ReleaseReference(claimId, holder));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "claimId")
    void on(ReferenceReleased event) {
        // the claim is free; a new claim starts a new saga
    }
}
