package org.customerprofile.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerFields;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.command.reference.ReferenceClaims;

@Aggregate
class Customer {

    private static final String REFERENCE = "reference";

    @AggregateIdentifier
    private UUID customerId;
    private UUID companyId;
    private final Map<String, Object> profile = new TreeMap<>();

    Customer() {
        // for event sourcing
    }

    @CommandHandler
    Customer(CreateCustomer command, ReferenceClaims references) {
        requireKnownFields(command.profile());
        if (command.profile().get(REFERENCE) instanceof String reference) {
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
        requireKnownFields(command.patch());
        Map<String, FieldChange> changes = new LinkedHashMap<>();
        command.patch().forEach((path, value) -> {
            Object previous = profile.get(path);
            if (!Objects.equals(previous, value)) {
                changes.put(path, new FieldChange(previous, value));
            }
        });
        FieldChange referenceChange = changes.get(REFERENCE);
        if (referenceChange != null && referenceChange.current() instanceof String reference
                && !ReferenceClaims.same(reference, (String) referenceChange.previous())) {
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
        profile.putAll(event.profile());
    }

    @EventSourcingHandler
    void on(CustomerUpdated event) {
        event.changes().forEach((path, change) -> {
            if (change.current() == null) {
                profile.remove(path);
            } else {
                profile.put(path, change.current());
            }
        });
    }

    private static void requireKnownFields(Map<String, Object> values) {
        values.forEach((path, value) -> {
            Class<?> type = CustomerFields.LEAVES.get(path);
            if (type == null || (value != null && !type.isInstance(value))) {
                throw new IllegalArgumentException("not a " + (type == null ? "customer field" : type.getSimpleName()) + ": " + path);
            }
        });
    }
}
