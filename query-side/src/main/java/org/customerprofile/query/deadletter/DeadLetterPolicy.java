package org.customerprofile.query.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Decides what happens to an event whose handling failed. An event the handlers cannot apply is parked
 * (never dropped), with the failed attempts counted in its diagnostics. A failure of the read store
 * itself (unreachable, timed out) is not the event's fault: parking it would park every customer's
 * events for the length of an outage, so it is rethrown instead and the processor stops and retries the
 * batch with back-off, as it did before there was a dead-letter queue.
 */
class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPolicy.class);

    /** Diagnostics key: how many times handling the letter's event has failed. */
    static final String ATTEMPTS = "attempts";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isOutage(cause)) {
            throw cause instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(cause);
        }
        int attempts = letter.diagnostics().get(ATTEMPTS) instanceof Number earlier ? earlier.intValue() + 1 : 1;
        if (attempts == 1) {
            EventMessage<?> event = letter.message();
            log.warn("parked event {} ({}{}) in the dead-letter queue: its handler failed; later events of its sequence wait behind it",
                    event.getIdentifier(), event.getPayloadType().getSimpleName(),
                    event instanceof DomainEventMessage<?> domain ? " of " + domain.getAggregateIdentifier() + " at " + domain.getSequenceNumber() : "",
                    cause);
        }
        // the cause's message is cut to the 1023 characters the table holds
        return Decisions.enqueue(ThrowableCause.truncated(cause), failed -> failed.diagnostics().and(ATTEMPTS, attempts));
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException) {
                return true;
            }
        }
        return false;
    }
}
