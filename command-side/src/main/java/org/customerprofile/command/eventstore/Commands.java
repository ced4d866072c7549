package org.customerprofile.command.eventstore;

import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends commands and runs again those whose append lost a race on (aggregate, sequence): another
 * process wrote the aggregate, or created the same reference claim, first. The retry runs against the
 * new state, so a partial update merges into what is current and no field written by the other request
 * is lost. Nothing else is retried ({@link StoreFailure}): domain refusals (not found, reference taken)
 * go back to the caller as they are, and a database that cannot be reached becomes a
 * {@link StoreUnavailableException} at once instead of being hammered. (Axon's RetryScheduler does not
 * see these failures: they surface while the unit of work commits, past the command callback.)
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    static final int ATTEMPTS = 20;

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @throws StoreUnavailableException if the event store cannot be reached
     */
    public <R> R sendAndWait(CommandMessage<?> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (RuntimeException e) {
                StoreFailure failure = StoreFailure.of(e);
                if (failure == StoreFailure.UNREACHABLE) {
                    throw new StoreUnavailableException(e);
                }
                if (failure != StoreFailure.LOST_RACE || attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("{} lost an append race (attempt {}), running it again", command.getPayloadType().getSimpleName(), attempt);
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
}
