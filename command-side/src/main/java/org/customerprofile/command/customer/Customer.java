package org.customerprofile.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.EraseCustomer;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.ReferenceKey;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.command.reference.ReferenceClaims;
import org.customerprofile.personal.DataKeys;

@Aggregate
class Customer {

    @AggregateIdentifier
    private UUID customerId;
    private UUID companyId;
    private Profile profile = Profile.EMPTY;
    private boolean erased;

    Customer() {
        // for event sourcing
    }

    @CommandHandler
    Customer(CreateCustomer command, ReferenceClaims references) {
        if (command.profile().get(CustomerField.REFERENCE) instanceof String reference) {
            references.claim(command.companyId(), reference, command.customerId());
        }
        apply(new CustomerCreated(command.customerId(), command.companyId(), command.profile()));
    }

    /** Returns the aggregate's sequence number after the update, whether or not anything changed. */
    @CommandHandler
    long handle(UpdateCustomer command, ReferenceClaims references) {
        requireOwnedBy(command.companyId());
        Map<CustomerField, FieldChange> changes = profile.changesBy(command.patch());
        FieldChange referenceChange = changes.get(CustomerField.REFERENCE);
        if (referenceChange != null && referenceChange.current() instanceof String reference
                && !ReferenceKey.same(reference, (String) referenceChange.previous())) {
            // the old reference is released by ReferenceSaga once this change is recorded
            references.claim(companyId, reference, customerId);
        }
        if (!changes.isEmpty()) {
            apply(new CustomerUpdated(customerId, companyId, changes));
        }
        return AggregateLifecycle.getVersion();
    }

    /**
     * Destroys the customer's data key in this command's transaction, with the event that records it: after a
     * crash the customer is either whole or erased everywhere. Its reference is released by ReferenceSaga.
     */
    @CommandHandler
    long handle(EraseCustomer command, DataKeys keys) {
        requireOwnedBy(command.companyId());
        keys.erase(customerId);
        apply(new CustomerErased(customerId, companyId));
        return AggregateLifecycle.getVersion();
    }

    private void requireOwnedBy(java.util.UUID caller) {
        if (!companyId.equals(caller)) {
            // another company's customer does not exist for the caller, erased or not
            throw new CustomerNotFoundException(customerId);
        }
        if (erased) {
            throw new CustomerGoneException(customerId);
        }
    }

    @EventSourcingHandler
    void on(CustomerCreated event) {
        customerId = event.customerId();
        companyId = event.companyId();
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(CustomerUpdated event) {
        profile = profile.apply(event.changes());
    }

    @EventSourcingHandler
    void on(CustomerErased event) {
        erased = true;
        profile = Profile.EMPTY;
    }
}
