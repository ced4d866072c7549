package org.customerprofile.query.customer;

import java.time.Duration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills a volatile read model at start-up, before the event processors start: the live collection is written by
 * the bulk copy of the operator's rebuild ({@link CustomerBulkCopy}, several thousand events a second) instead of
 * the projection handling every event of the store one at a time, and the projection's in-memory token is set to
 * the position the copy reached, so the projection carries on from there. Its indexes exist already
 * ({@code liveCollectionIndexes} runs before any lifecycle starts); the search keys of customers the copy
 * updated are completed before the projection starts.
 *
 * <p>An event the copy cannot read or write (one the projection would park in its dead-letter queue, such as an
 * update of a customer without a document, or a payload that does not decrypt) does not fail the start: the copy
 * stops at the batch holding it, and the projection is handed the position before that batch. It then handles that
 * batch and everything after it as it would without the fill, parking what it cannot apply; events of the batch
 * the copy wrote already change nothing a second time, since the projection's writes are idempotent. Only the
 * events from there on are handled at the projection's slower pace. Nothing is filled into a collection that holds
 * documents already (a store configured volatile that is not): the projection replays into it as before.
 */
@Component
class CustomerReadModelFill {

    /** The tracking processor's segments: one, as {@code forSingleThreadedProcessing} starts it with. */
    static final int SEGMENTS = 1;

    private static final Logger log = LoggerFactory.getLogger(CustomerReadModelFill.class);

    private final MongoTemplate mongo;
    private final CustomerCollection collection;
    private final CustomerBulkCopy copier;

    CustomerReadModelFill(MongoTemplate mongo, CustomerCollection collection, CustomerBulkCopy copier) {
        this.mongo = mongo;
        this.collection = collection;
        this.copier = copier;
    }

    /** Fills the live collection and gives the projection's segments, in {@code tokens}, the position the fill reached. */
    void fill(TokenStore tokens) {
        String live = collection.name();
        if (mongo.getCollection(live).estimatedDocumentCount() > 0) {
            log.info("customer read model not filled at start: collection {} holds documents, the projection brings it up to date", live);
            return;
        }
        long started = System.nanoTime();
        CustomerBulkCopy.Reached reached;
        try {
            reached = copier.copy(null, live, CustomerBulkCopy.UpdateWithoutDocument.STOP, writes -> { });
        } catch (CustomerBulkCopy.Stopped stopped) {
            reached = stopped.reached();
            // the cause's type only: a message could quote an event's values
            log.warn("customer read model fill stopped at an event it could not apply ({}); the projection handles the events after "
                    + "position {} and parks what it cannot apply", stopped.getCause().getClass().getName(), index(reached.position()));
        }
        collection.addMissingSearchKeys(live);
        if (reached.position() != null) {
            tokens.initializeTokenSegments(CustomerProjection.PROCESSING_GROUP, SEGMENTS, reached.position());
        }
        double seconds = Math.max(0.001, Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        log.info("customer read model filled at start: {} events in {} s ({} events/s); the projection continues from position {}",
                reached.events(), String.format("%.1f", seconds), Math.round(reached.events() / seconds), index(reached.position()));
    }

    /** The global index of a position, -1 before the first event. */
    private static long index(TrackingToken position) {
        return position == null ? -1 : position.position().orElse(-1);
    }
}
