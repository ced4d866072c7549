package org.customerprofile.command.reference;

import java.util.UUID;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.customerprofile.personal.ReferenceHashes;
import org.springframework.stereotype.Component;

/**
 * Where a customer's reference is checked: called by the Customer aggregate inside its command's unit
 * of work, so the claim and the customer's event commit in one PostgreSQL transaction or not at all —
 * no crash can leave a claim without its customer. Decided against the event store only.
 */
@Component
public class ReferenceClaims {

    private final Repository<ReferenceClaim> claims;
    private final CustomerReferences customers;
    private final ReferenceHashes hashes;

    ReferenceClaims(Repository<ReferenceClaim> claims, CustomerReferences customers, ReferenceHashes hashes) {
        this.claims = claims;
        this.customers = customers;
        this.hashes = hashes;
    }

    /** Claims kept in {@code eventStore}, wired by hand (aggregate test fixtures; Spring wires the bean). */
    public static ReferenceClaims backedBy(EventStore eventStore, ReferenceHashes hashes) {
        return new ReferenceClaims(EventSourcingRepository.builder(ReferenceClaim.class).eventStore(eventStore).build(),
                new CustomerReferences(eventStore, hashes), hashes);
    }

    /**
     * Makes {@code customerId} the holder of {@code reference} in its company.
     *
     * @throws ReferenceTakenException when another customer of the company uses it
     */
    public void claim(UUID companyId, String reference, UUID customerId) {
        String referenceHash = hashes.of(companyId, reference);
        String claimId = ReferenceClaim.idOf(companyId, referenceHash);
        Aggregate<ReferenceClaim> claim;
        try {
            claim = claims.loadOrCreate(claimId, ReferenceClaim::new);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        UUID holder = claim.invoke(ReferenceClaim::holder);
        // a holder whose reference has since changed keeps a stale claim until ReferenceSaga releases it:
        // what counts is whether the holder uses the reference now
        boolean holderStillUsesIt = holder != null && !holder.equals(customerId) && customers.uses(holder, referenceHash);
        claim.execute(it -> it.claimFor(claimId, companyId, referenceHash, customerId, holderStillUsesIt));
    }
}
