package org.customerprofile.command.customer;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.customerprofile.api.customer.CreateCustomer;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.EraseCustomer;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.UpdateCustomer;
import org.customerprofile.command.consistency.ReadYourWrites;
import org.customerprofile.command.eventstore.Commands;
import org.customerprofile.command.eventstore.StoreUnavailableException;
import org.customerprofile.command.idempotency.IdempotencyKeyInUseException;
import org.customerprofile.command.idempotency.IdempotencyKeys;
import org.customerprofile.command.reference.ReferenceTakenException;
import org.customerprofile.web.security.Caller;
import org.springframework.stereotype.Service;

/**
 * The writes of a customer, as use cases: a request repeated with its idempotency key answers as the
 * first did without executing again (also when both run at once: the second waits for the first's key,
 * then replays it), and a write's outcome is known only once the read side shows it or the wait is over
 * ({@link ReadYourWrites}).
 *
 * @throws StoreUnavailableException from every method, if the event store cannot be reached
 */
@Service
class CustomerWrites {

    private final Commands commands;
    private final ReadYourWrites readYourWrites;

    CustomerWrites(Commands commands, ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.readYourWrites = readYourWrites;
    }

    CreateOutcome create(Caller caller, Profile profile, IdempotencyKeys.Request idempotency) {
        Optional<IdempotencyKeys.Earlier> earlier = idempotency.earlier();
        if (earlier.isPresent()) {
            return replayedCreate(earlier.get());
        }
        UUID customerId = UUID.randomUUID();
        try (ReadYourWrites.Watch visibility = readYourWrites.watch(customerId)) {
            try {
                send(new CreateCustomer(customerId, caller.companyId(), profile), caller, idempotency, customerId);
            } catch (ReferenceTakenException e) {
                return new WriteRefusal.ReferenceTaken(e.holder());
            } catch (IdempotencyKeyInUseException concurrentRequest) {
                return replayedCreate(recordedBy(concurrentRequest, idempotency));
            }
            return new CreateOutcome.Created(customerId, visibility.awaitVisible(0, true));
        }
    }

    UpdateOutcome update(Caller caller, UUID customerId, Map<CustomerField, Object> patch, IdempotencyKeys.Request idempotency) {
        Optional<IdempotencyKeys.Earlier> earlier = idempotency.earlier();
        if (earlier.isPresent()) {
            return replayedUpdate(earlier.get());
        }
        try (ReadYourWrites.Watch visibility = readYourWrites.watch(customerId)) {
            long sequence;
            try {
                sequence = send(new UpdateCustomer(customerId, caller.companyId(), patch), caller, idempotency, customerId);
            } catch (AggregateNotFoundException | CustomerNotFoundException e) {
                return new UpdateOutcome.NotFound();
            } catch (CustomerGoneException e) {
                return new UpdateOutcome.Gone();
            } catch (ReferenceTakenException e) {
                return new WriteRefusal.ReferenceTaken(e.holder());
            } catch (IdempotencyKeyInUseException concurrentRequest) {
                return replayedUpdate(recordedBy(concurrentRequest, idempotency));
            }
            // an update that changes nothing appends nothing and answers the customer's current sequence
            return new UpdateOutcome.Updated(visibility.awaitVisible(sequence, false));
        }
    }

    EraseOutcome erase(Caller caller, UUID customerId, IdempotencyKeys.Request idempotency) {
        Optional<IdempotencyKeys.Earlier> earlier = idempotency.earlier();
        if (earlier.isPresent()) {
            return earlier.get().sameRequest() ? new EraseOutcome.Replayed() : new WriteRefusal.IdempotencyKeyReused();
        }
        try (ReadYourWrites.Watch visibility = readYourWrites.watch(customerId)) {
            long sequence;
            try {
                sequence = send(new EraseCustomer(customerId, caller.companyId()), caller, idempotency, customerId);
            } catch (AggregateNotFoundException | CustomerNotFoundException e) {
                return new UpdateOutcome.NotFound();
            } catch (CustomerGoneException e) {
                return new UpdateOutcome.Gone();
            } catch (IdempotencyKeyInUseException concurrentRequest) {
                return recordedBy(concurrentRequest, idempotency).sameRequest() ? new EraseOutcome.Replayed() : new WriteRefusal.IdempotencyKeyReused();
            }
            return new EraseOutcome.Erased(visibility.awaitVisible(sequence, true));
        }
    }

    private CreateOutcome replayedCreate(IdempotencyKeys.Earlier earlier) {
        if (!earlier.sameRequest()) {
            return new WriteRefusal.IdempotencyKeyReused();
        }
        try (ReadYourWrites.Watch visibility = readYourWrites.watch(earlier.customerId())) {
            return new CreateOutcome.Replayed(earlier.customerId(), visibility.awaitVisible(0, false));
        }
    }

    private static UpdateOutcome replayedUpdate(IdempotencyKeys.Earlier earlier) {
        return earlier.sameRequest() ? new UpdateOutcome.Replayed() : new WriteRefusal.IdempotencyKeyReused();
    }

    /** A concurrent request recorded the key first and has committed (the recorder waited for it). */
    private static IdempotencyKeys.Earlier recordedBy(IdempotencyKeyInUseException concurrentRequest, IdempotencyKeys.Request idempotency) {
        return idempotency.earlier().orElseThrow(() -> new IllegalStateException("the idempotency key is in use but not recorded", concurrentRequest));
    }

    private <R> R send(Object command, Caller caller, IdempotencyKeys.Request idempotency, UUID customerId) {
        return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(caller.auditMetaData())
                .andMetaData(idempotency.metaData(customerId)));
    }
}
