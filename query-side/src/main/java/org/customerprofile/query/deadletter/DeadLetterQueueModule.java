package org.customerprofile.query.deadletter;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parks the events a processing group cannot handle in Axon's JDBC dead-letter queue (table
 * {@code DeadLetterEntry}, on the event store's DataSource) instead of stopping the processor or
 * skipping them ({@link DeadLetterPolicy} says which failures are parked). Letters are kept per
 * sequence (the processing group's sequencing policy: per aggregate, so per customer): a later event of
 * a parked customer queues behind its letters, other customers keep flowing. A letter leaves the queue
 * only when handling it succeeds ({@link DeadLetters#retry()}), or when {@code clearAtStart} applies.
 *
 * <p>{@code clearAtStart} is for a read model that does not survive a restart: its tokens do not either,
 * so every start replays the whole event store into an empty store. Letters of an earlier run then name
 * events that the replay is about to handle again, and kept, they would do harm: each replayed event of a
 * parked customer (its creation included) would queue behind an old letter whose read document no longer
 * exists, so retrying could never succeed. Clearing them loses nothing: every event is still in the event
 * store and is handled afresh, and one that still fails is parked again with its current cause. This is
 * what Axon does on a processor reset when a dead-lettering processor allows it; a volatile start is such
 * a reset. It assumes the process is the only one feeding that read model and queue (the embedded run).
 */
public final class DeadLetterQueueModule implements ConfigurerModule {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueueModule.class);

    private final String processingGroup;
    private final boolean clearAtStart;

    public DeadLetterQueueModule(String processingGroup, boolean clearAtStart) {
        this.processingGroup = processingGroup;
        this.clearAtStart = clearAtStart;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing()
                .registerDeadLetterQueue(processingGroup, this::queue)
                .registerDeadLetterPolicy(processingGroup, config -> new DeadLetterPolicy())
                // remembers per segment which customers have letters, so an event of one that has none
                // costs no query (the queue is empty at start in the common case)
                .registerDeadLetteringEventHandlerInvokerConfiguration(processingGroup,
                        (config, invoker) -> invoker.enableSequenceIdentifierCache());
        if (clearAtStart) {
            // before the processors start (Phase.INBOUND_EVENT_CONNECTORS), so no event is parked yet
            configurer.onInitialize(config -> config.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> clear(config)));
        }
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(Configuration config) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .connectionProvider(config.getComponent(ConnectionProvider.class))
                .transactionManager(config.getComponent(TransactionManager.class))
                .genericSerializer(config.serializer())
                .eventSerializer(config.eventSerializer())
                .build();
    }

    private void clear(Configuration config) {
        config.eventProcessingConfiguration().deadLetterQueue(processingGroup).ifPresent(queue -> {
            long letters = queue.size();
            if (letters > 0) {
                config.getComponent(TransactionManager.class).executeInTransaction(queue::clear);
                log.warn("cleared {} dead letter(s) of processing group {} left by an earlier run: the read model is volatile and "
                        + "rebuilt from the event store now, which handles their events again", letters, processingGroup);
            }
        });
    }
}
