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
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.ReferenceKey;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.command.reference.ReferenceClaims;

@Aggregate
class Customer {

    @AggregateIdentifier
    private UUID customerId;
    private UUID companyId;
    private Profile profile = Profile.EMPTY;

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
        if (!companyId.equals(command.companyId())) {
            // another company's customer does not exist for the caller
            throw new CustomerNotFoundException(command.customerId());
        }
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
}
