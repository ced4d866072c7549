package org.customerprofile.query.customer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the customer read model from the event store while the API keeps serving: events are read
 * in large batches straight from the event store and written in ordered bulk operations into a new
 * collection; then the live projection pauses, the rebuild catches up to the head, the
 * {@link CustomerCollection} pointer switches, and the projection resumes on the new collection (its
 * writes are idempotent, so events it sees again change nothing). Fires no side effects: nothing is
 * emitted, nothing published. Runs in the process that runs the projection.
 */
@Component
class CustomerReadModelRebuild {

    private static final Logger log = LoggerFactory.getLogger(CustomerReadModelRebuild.class);

    /** What an operator sees while it runs and after it ended. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Progress(String state, String collection, long eventsDone, long eventsTotal, double eventsPerSecond,
                    Instant startedAt, Instant endedAt, String error) {

        static Progress idle() {
            return new Progress("idle", null, 0, 0, 0, null, null, null);
        }
    }

    private final MongoTemplate mongo;
    private final CustomerCollection collection;
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final JdbcEventStorageEngine events;
    private final int batchSize;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "read-model-rebuild"));
    private volatile Progress progress = Progress.idle();

    CustomerReadModelRebuild(MongoTemplate mongo, CustomerCollection collection, JdbcTemplate jdbc, EventProcessingConfiguration processing,
                             Configuration axon, ConnectionProvider connections, TransactionManager transactions,
                             @Qualifier("eventSerializer") Serializer eventSerializer,
                             RebuildProperties properties) {
        this.mongo = mongo;
        this.collection = collection;
        this.jdbc = jdbc;
        this.processing = processing;
        this.batchSize = properties.batchSize();
        // its own reader of the event store: Axon's default batch of 100 events per query makes replays crawl
        this.events = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .batchSize(properties.batchSize())
                .build();
    }

    Progress progress() {
        return progress;
    }

    /** Starts a rebuild and returns its first progress, or empty if one is running already (there is one at a time). */
    synchronized Optional<Progress> start() {
        if ("running".equals(progress.state())) {
            return Optional.empty();
        }
        String target = CustomerDocument.COLLECTION + "_" + System.currentTimeMillis();
        long total = jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE type = 'Customer'", Long.class);
        progress = new Progress("running", target, 0, total, 0, Instant.now(), null, null);
        worker.submit(() -> run(target));
        return Optional.of(progress);
    }

    private void run(String target) {
        try {
            collection.dropAllBut(target);
            collection.createIndexes(target);
            TrackingToken position = copy(null, target);
            // an update copied in bulk leaves its customer without keys (they need every value): made here, while reads go on
            collection.addMissingSearchKeys(target);
            StreamingEventProcessor live = processing.eventProcessor(CustomerProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .orElseThrow();
            live.shutDown();
            try {
                copy(position, target);
                collection.addMissingSearchKeys(target);
                collection.switchTo(target);
            } finally {
                live.start();
            }
            progress = ended("done", null);
            log.info("read model rebuilt into {}: {} events at {} events/s", target, progress.eventsDone(), Math.round(progress.eventsPerSecond()));
        } catch (RuntimeException e) {
            log.error("read model rebuild into {} failed; the live read model is unchanged", target, e);
            progress = ended("failed", e.toString());
        }
    }

    /** Applies every customer event after {@code from} to {@code target}; returns the last position read. */
    private TrackingToken copy(TrackingToken from, String target) {
        TrackingToken position = from;
        List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                batch.add(event);
                position = event.trackingToken();
                if (batch.size() == batchSize) {
                    write(batch, target);
                }
            }
        }
        write(batch, target);
        return position;
    }

    private void write(List<TrackedEventMessage<?>> batch, String target) {
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, target);
        int writes = 0;
        for (TrackedEventMessage<?> event : batch) {
            if (event.getPayload() instanceof CustomerCreated created) {
                bulk.insert(CustomerProjection.document(created, sequenceOf(event), event.getTimestamp()));
                writes++;
            } else if (event.getPayload() instanceof CustomerUpdated updated) {
                long sequence = sequenceOf(event);
                // a fresh collection written in event order by this thread alone: no sequence check needed
                bulk.updateOne(Query.query(Criteria.where(CustomerDocument.ID).is(updated.customerId().toString())),
                        CustomerProjection.update(updated, sequence, event.getTimestamp()).unset(CustomerDocument.SEARCH));
                writes++;
            } else if (event.getPayload() instanceof CustomerErased erased) {
                bulk.replaceOne(Query.query(Criteria.where(CustomerDocument.ID).is(erased.customerId().toString())),
                        CustomerProjection.tombstone(erased, sequenceOf(event)));
                writes++;
            }
        }
        if (writes > 0) {
            bulk.execute();
        }
        long done = progress.eventsDone() + writes;
        double seconds = Math.max(0.001, Duration.between(progress.startedAt(), Instant.now()).toMillis() / 1000.0);
        progress = new Progress("running", progress.collection(), done, Math.max(done, progress.eventsTotal()), done / seconds,
                progress.startedAt(), null, null);
        batch.clear();
    }

    private static long sequenceOf(TrackedEventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getSequenceNumber();
    }

    private Progress ended(String state, String error) {
        return new Progress(state, progress.collection(), progress.eventsDone(), progress.eventsTotal(), progress.eventsPerSecond(),
                progress.startedAt(), Instant.now(), error);
    }
}
