package org.customerprofile.query.customer;

import com.mongodb.WriteConcern;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.lifecycle.Phase;
import org.customerprofile.api.customer.ReadableVersions;
import org.customerprofile.query.deadletter.DeadLetterQueueModule;
import org.customerprofile.query.deadletter.DeadLetters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * How the customer read model is stored and fed: acknowledged writes, an index for every query the
 * API runs, a tracking processor that parks an event it cannot apply in a dead-letter queue (never skips
 * it), and — when the read store does not survive a restart — tokens that do not either, so the
 * read model is rebuilt from the event store at start-up (by {@link CustomerReadModelFill} before a tracking
 * processor starts, which then continues from where the fill got to).
 */
@Configuration
class CustomerReadModelConfiguration {

    @Bean
    MongoTemplate mongoTemplate(MongoDatabaseFactory factory, MongoConverter converter) {
        MongoTemplate template = new MongoTemplate(factory, converter);
        template.setWriteConcern(WriteConcern.MAJORITY);
        return template;
    }

    /**
     * In one JVM a tracking processor: it wakes on every append. A pooled streaming processor was measured
     * at ~0.4 s from append to projection here (it waits for its next coordination round), which every
     * write would pay for read-your-writes, against ~0.01 s for the tracking one. Several query-side
     * processes share the work only through a pooled processor's segments ({@code processor: pooled}).
     */
    @Bean
    ConfigurerModule customerProjectionProcessor(ReadModelProperties readModel, ObjectProvider<CustomerReadModelFill> fill) {
        int segments = readModel.segments();
        int batchSize = readModel.batchSize();
        return configurer -> {
            if (readModel.processor() == ReadModelProperties.Processor.POOLED) {
                configurer.eventProcessing().registerPooledStreamingEventProcessor(CustomerProjection.PROCESSING_GROUP,
                        axon -> axon.eventStore(), (config, builder) -> builder.initialSegmentCount(segments).batchSize(batchSize));
            } else {
                // batches make catching up (a start-up replay) fast; a lone new event is still handled at once
                // the processor says it has caught up (readModel health, so UP) only once a wait for the next event
                // times out: with the token in memory a tenth of Axon's default second, since the end of each idle wait
                // (extending the token's claim) then costs no database work; with a stored token, the default
                long eventWaitMillis = readModel.volatileStore() ? 100 : 1000;
                TrackingEventProcessorConfiguration tracking = TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize).andEventAvailabilityTimeout(eventWaitMillis, TimeUnit.MILLISECONDS);
                configurer.eventProcessing().registerTrackingEventProcessor(CustomerProjection.PROCESSING_GROUP, axon -> axon.eventStore(),
                        config -> tracking);
                if (readModel.volatileStore()) {
                    // the bulk copy instead of a replay one event at a time; before the processors start (INBOUND_EVENT_CONNECTORS)
                    configurer.onInitialize(axon -> axon.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> fill.getObject()
                            .fill(axon.eventProcessingConfiguration().tokenStore(CustomerProjection.PROCESSING_GROUP))));
                }
            }
            configurer.eventProcessing()
                    .registerListenerInvocationErrorHandler(CustomerProjection.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
            if (readModel.volatileStore()) {
                configurer.eventProcessing().registerTokenStore(CustomerProjection.PROCESSING_GROUP, config -> new InMemoryTokenStore());
            }
        };
    }

    /**
     * An event the projection cannot apply is parked with its customer's later events behind it, while
     * other customers keep flowing (the handler's exception reaches the queue through the propagating
     * error handler above). With a volatile read model, letters of an earlier run are cleared at
     * start-up: see {@link DeadLetterQueueModule} for why that loses nothing.
     */
    @Bean
    ConfigurerModule customerProjectionDeadLetterQueue(ReadModelProperties readModel) {
        return new DeadLetterQueueModule(CustomerProjection.PROCESSING_GROUP, readModel.volatileStore());
    }

    /** What the projection made readable, for the writes of this JVM ({@code customers.consistency.source=in-process}). */
    @Bean
    ReadableVersions readableVersions(CustomerCollection collection) {
        return new ReadableVersions(collection::sequenceOf);
    }

    @Bean
    DeadLetters customerProjectionDeadLetters(EventProcessingConfiguration processing) {
        return new DeadLetters(CustomerProjection.PROCESSING_GROUP, processing);
    }

    /**
     * The indexes exist before any event processor starts (singletons are initialised before lifecycles): the
     * embedded wire server builds an index without guarding against a concurrent insert, and a restart whose
     * first event arrived meanwhile failed the projection with a {@code ConcurrentModificationException}.
     */
    @Bean
    SmartInitializingSingleton liveCollectionIndexes(CustomerCollection collection) {
        return () -> collection.createIndexes(collection.name());
    }

    /** Back-fills may run beside the projection: each write is conditioned on what it read. */
    @EventListener(ApplicationStartedEvent.class)
    void completeLiveCollection(ApplicationStartedEvent started) {
        CustomerCollection collection = started.getApplicationContext().getBean(CustomerCollection.class);
        collection.addMissingReferenceKeys(collection.name());
        collection.addMissingSearchKeys(collection.name());
    }
}
