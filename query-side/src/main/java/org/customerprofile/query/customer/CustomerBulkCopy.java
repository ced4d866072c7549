package org.customerprofile.query.customer;

import com.mongodb.bulk.BulkWriteResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.personal.DataKeys;
import org.customerprofile.personal.PersonalValues;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Copies customer events into a customer collection the projection is not writing: events read in large batches
 * straight from the event store, written in ordered bulk operations, in event order by one thread. Written as the
 * projection writes them (its documents, updates and tombstones), except that an update leaves its customer's
 * search keys stale: the caller completes them with {@link CustomerCollection#addMissingSearchKeys} afterwards.
 * Used by the operator's rebuild and by the fill of a volatile read model at start-up.
 */
@Component
class CustomerBulkCopy {

    /** Where a copy got to: the position of the last event written (null: none) and how many customer events it wrote. */
    record Reached(TrackingToken position, long events) {
    }

    /**
     * A copy stopped by an event it could not read or write. Everything up to {@link #reached()} is written; events
     * of the failed batch may be written too (the projection, being idempotent, may handle them again).
     */
    static final class Stopped extends RuntimeException {

        private final transient Reached reached;

        Stopped(Reached reached, RuntimeException cause) {
            super("the copy stopped after " + reached.events() + " events", cause);
            this.reached = reached;
        }

        Reached reached() {
            return reached;
        }
    }

    /**
     * What becomes of an update of a customer without a document (the projection parks it in its dead-letter queue).
     * The rebuild skips it, and so leaves it where the live projection left it: parked, and not applied. The start-up
     * fill stops, so that the projection parks it as a replay would.
     */
    enum UpdateWithoutDocument { SKIP, STOP }

    /** Positions behind the newest whose gaps the reader itself still queries again (Axon's default: 10,000). */
    private static final int READER_GAP_WINDOW = 100;

    private final MongoTemplate mongo;
    private final DataKeys keys;
    private final JdbcEventStorageEngine events;
    private final int batchSize;
    /** Writes one batch while the next is read and decoded: the two cores of a small machine both busy. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-bulk-writes");
        thread.setDaemon(true);
        return thread;
    });

    CustomerBulkCopy(MongoTemplate mongo, DataKeys keys, Configuration axon, ConnectionProvider connections, TransactionManager transactions,
                     @Qualifier("eventSerializer") Serializer eventSerializer, RebuildProperties properties) {
        this.mongo = mongo;
        this.keys = keys;
        this.batchSize = properties.batchSize();
        // its own reader of the event store: Axon's default batch of 100 events per query makes replays crawl
        this.events = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .batchSize(properties.batchSize())
                // each event it reads carries a token with every gap in this window; the long window is SkippedPositions'
                .maxGapOffset(READER_GAP_WINDOW)
                .build();
    }

    /**
     * Applies every customer event after {@code from} (null: from the first) to {@code target}, telling
     * {@code written} the number of customer events of each batch once it is written. A batch is written by the
     * writer thread while this one reads and decodes the next (one batch in flight, so batches land in order).
     *
     * @throws Stopped when an event cannot be read or written (or, with {@link UpdateWithoutDocument#STOP}, is an
     *                 update without a document), with the position reached before its batch
     */
    Reached copy(TrackingToken from, String target, UpdateWithoutDocument orphans, IntConsumer written) {
        Reached reached = new Reached(from, 0);
        SkippedPositions skipped = new SkippedPositions(from);
        Writing writing = null;
        List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                batch.add(event);
                skipped.passed(event.trackingToken().position().orElseThrow());
                if (batch.size() == batchSize) {
                    BatchWrite next = prepare(batch, target, orphans);
                    Writing landing = writing;
                    writing = null;
                    reached = settle(landing, reached, written);
                    writing = new Writing(writer.submit(next::execute), skipped.position());
                }
            }
            if (batch.isEmpty() && writing == null) {
                return reached;
            }
            BatchWrite last = prepare(batch, target, orphans);
            Writing landing = writing;
            writing = null;
            reached = settle(landing, reached, written);
            return settle(new Writing(writer.submit(last::execute), skipped.position()), reached, written);
        } catch (RuntimeException e) {
            // nothing may be written once the caller goes on: the batch in flight is waited for (and counted if it landed)
            try {
                reached = settle(writing, reached, written);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw new Stopped(reached, e);
        }
    }

    /** A batch handed to the writer thread, and the position of its last event. */
    private record Writing(Future<Integer> writes, TrackingToken position) {
    }

    /** Waits for {@code writing} (none: nothing to wait for) and returns what is reached once it landed. */
    private static Reached settle(Writing writing, Reached before, IntConsumer written) {
        if (writing == null) {
            return before;
        }
        int writes;
        try {
            writes = writing.writes().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch was written", e);
        }
        written.accept(writes);
        return new Reached(writing.position(), before.events() + writes);
    }

    /** The writes of one batch, built from its events, ready to be sent. */
    private record BatchWrite(BulkOperations bulk, int writes, int updates, int erasures, UpdateWithoutDocument orphans) {

        /**
         * Sends the writes; returns how many there were.
         *
         * @throws IllegalStateException when an update found no document of its customer and {@code orphans} says stop
         */
        int execute() {
            if (writes == 0) {
                return 0;
            }
            BulkWriteResult result = bulk.execute();
            // every update matched its customer's document, and every tombstone replaced one or was upserted
            if (orphans == UpdateWithoutDocument.STOP && result.getMatchedCount() + result.getUpserts().size() < updates + erasures) {
                throw new IllegalStateException("a customer update in this batch has no read model document to apply to");
            }
            return writes;
        }
    }

    /** The writes of the batch's customer events; empties the batch. */
    private BatchWrite prepare(List<TrackedEventMessage<?>> batch, String target, UpdateWithoutDocument orphans) {
        // the batch's keys in one query, before its payloads are opened one by one
        keys.prefetch(batch.stream().filter(event -> PersonalValues.mayHoldPersonalValues(event.getPayloadType().getName()))
                .map(event -> UUID.fromString(((DomainEventMessage<?>) event).getAggregateIdentifier())).toList());
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, target);
        int writes = 0;
        int updates = 0;
        int erasures = 0;
        for (TrackedEventMessage<?> event : batch) {
            if (event.getPayload() instanceof CustomerCreated created) {
                bulk.insert(CustomerProjection.document(created, sequenceOf(event), event.getTimestamp()));
                writes++;
            } else if (event.getPayload() instanceof CustomerUpdated updated) {
                long sequence = sequenceOf(event);
                // a collection written in event order by one thread at a time: no sequence check needed
                bulk.updateOne(Query.query(Criteria.where(CustomerDocument.ID).is(updated.customerId().toString())),
                        // its search keys need every value: marked stale here (left in place, so the document's field
                        // order stays the live projection's), made by addMissingSearchKeys
                        CustomerProjection.update(updated, sequence, event.getTimestamp()).set(CustomerDocument.SEARCH_VERSION, 0));
                writes++;
                updates++;
            } else if (event.getPayload() instanceof CustomerErased erased) {
                // an upsert, as the projection's save: the tombstone stands whether or not a document was there
                bulk.replaceOne(Query.query(Criteria.where(CustomerDocument.ID).is(erased.customerId().toString())),
                        CustomerProjection.tombstone(erased, sequenceOf(event)), FindAndReplaceOptions.options().upsert());
                writes++;
                erasures++;
            }
        }
        batch.clear();
        return new BatchWrite(bulk, writes, updates, erasures, orphans);
    }

    private static long sequenceOf(TrackedEventMessage<?> event) {
        return ((DomainEventMessage<?>) event).getSequenceNumber();
    }
}
