package org.customerprofile.command.eventstore;

import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends commands and runs again those whose append lost a race on (aggregate, sequence): another
 * process wrote the aggregate, or created the same reference claim, first. The retry runs against the
 * new state, so a partial update merges into what is current and no field written by the other request
 * is lost. Domain refusals (not found, reference taken) are never retried. (Axon's RetryScheduler does
 * not see these failures: they surface while the unit of work commits, past the command callback.)
 */
@Component
public class Commands {

    static final int ATTEMPTS = 20;

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R sendAndWait(CommandMessage<?> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !lostARace(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** A short random pause, growing with the attempts, so racing writers stop colliding in step. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + 5L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }

    static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // a lost race to create a stream surfaces as a plain EventStoreException ("cannot reuse
            // aggregate identifier"), without its SQL cause
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof EventStoreException) {
                return true;
            }
            if (cause instanceof AxonNonTransientException) {
                return false;
            }
        }
        return false;
    }
}
