package org.customerprofile.command.reference;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.customerprofile.api.reference.ReferenceClaimed;
import org.customerprofile.api.reference.ReferenceReleased;
import org.customerprofile.api.reference.ReleaseReference;

/**
 * Who holds one reference within one company, known by the reference's keyed hash only (the reference is
 * personal data). Its identifier is derived from (company, hash), so
 * two first claims race to append the same stream's event 0 and the event store's unique
 * (aggregate, sequence) constraint lets exactly one win; every later claim appends to the same stream.
 */
@Aggregate
class ReferenceClaim {

    @AggregateIdentifier
    private String claimId;
    private UUID companyId;
    private String referenceHash;
    private UUID holder;

    ReferenceClaim() {
        // for event sourcing, and as the empty claim of a reference nobody has used yet
    }

    /** One claim per reference as {@code ReferenceHashes} hashes them: {@code Order-1} and {@code order-1 } share it. */
    static String idOf(UUID companyId, String referenceHash) {
        return "reference/" + companyId + "/" + referenceHash;
    }

    UUID holder() {
        return holder;
    }

    /** Gives the reference to {@code customerId} unless another holder still uses it. */
    void claimFor(String claimId, UUID companyId, String referenceHash, UUID customerId, boolean holderStillUsesIt) {
        if (holderStillUsesIt) {
            throw new ReferenceTakenException(holder);
        }
        apply(new ReferenceClaimed(claimId, companyId, referenceHash, customerId, customerId.equals(holder) ? null : holder));
    }

    /** Honoured only if the holder no longer uses the reference: it may have changed back meanwhile. */
    @CommandHandler
    void handle(ReleaseReference command, CustomerReferences customers) {
        if (command.customerId().equals(holder) && !customers.uses(holder, referenceHash)) {
            apply(new ReferenceReleased(claimId, companyId, referenceHash, holder));
        }
    }

    @EventSourcingHandler
    void on(ReferenceClaimed event) {
        claimId = event.claimId();
        companyId = event.companyId();
        referenceHash = event.referenceHash();
        holder = event.customerId();
    }

    @EventSourcingHandler
    void on(ReferenceReleased event) {
        holder = null;
    }
}
