package org.customerprofile.query.deadletter;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/** The dead letters of one processing group (set up by {@link DeadLetterQueueModule}): count, list, retry. */
public class DeadLetters {

    private final String processingGroup;
    private final EventProcessingConfiguration processing;

    public DeadLetters(String processingGroup, EventProcessingConfiguration processing) {
        this.processingGroup = processingGroup;
        this.processing = processing;
    }

    /** The outcome of a retry: letters handled successfully (and so removed) and letters still waiting. */
    record Retry(long succeeded, long remaining) {
    }

    String processingGroup() {
        return processingGroup;
    }

    long size() {
        return queue().size();
    }

    long sequences() {
        return queue().amountOfSequences();
    }

    /** Up to {@code limit} letters, sequence by sequence, each sequence in the order its events must be handled. */
    List<DeadLetter<? extends EventMessage<?>>> list(int limit) {
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue().deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letters.size() == limit) {
                    return letters;
                }
                letters.add(letter);
            }
        }
        return letters;
    }

    /**
     * Hands every waiting sequence to the processing group's handlers again, oldest letter first. A
     * sequence stops at its first letter that fails again; that letter stays, with the new cause and one
     * more attempt counted, and so does every letter behind it.
     */
    Retry retry() {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new IllegalStateException("processing group " + processingGroup + " does not dead-letter"));
        long succeeded = 0;
        for (DeadLetter<? extends EventMessage<?>> first : firstOfEachSequence(queue)) {
            String sequence = sequenceOf(first);
            long before = queue.sequenceSize(sequence);
            String eventId = first.message().getIdentifier();
            processor.process(letter -> letter.message().getIdentifier().equals(eventId));
            succeeded += Math.max(0, before - queue.sequenceSize(sequence));
        }
        return new Retry(succeeded, queue.size());
    }

    private static List<DeadLetter<? extends EventMessage<?>>> firstOfEachSequence(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<DeadLetter<? extends EventMessage<?>>> firsts = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
            if (letters.hasNext()) {
                firsts.add(letters.next());
            }
        }
        return firsts;
    }

    /** The sequence a letter waits in (for the customer projection: the customer id); {@code DeadLetterQueueModule} keeps them in JDBC. */
    static String sequenceOf(DeadLetter<?> letter) {
        if (letter instanceof JdbcDeadLetter<?> jdbc) {
            return jdbc.getSequenceIdentifier();
        }
        throw new IllegalStateException("not a letter of a JDBC dead-letter queue: " + letter);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue() {
        return processing.deadLetterQueue(processingGroup)
                .orElseThrow(() -> new IllegalStateException("processing group " + processingGroup + " has no dead-letter queue"));
    }
}
