package org.customerprofile.query.customer;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the customer read model from the event store while the API keeps serving: events are read
 * in large batches straight from the event store and written in ordered bulk operations into a new
 * collection ({@link CustomerBulkCopy}); then the live projection pauses, the rebuild catches up to the head, the
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

    private final CustomerCollection collection;
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final CustomerBulkCopy copier;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "read-model-rebuild"));
    private volatile Progress progress = Progress.idle();

    CustomerReadModelRebuild(CustomerCollection collection, JdbcTemplate jdbc, EventProcessingConfiguration processing, CustomerBulkCopy copier) {
        this.collection = collection;
        this.jdbc = jdbc;
        this.processing = processing;
        this.copier = copier;
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
            TrackingToken position = copier.copy(null, target, CustomerBulkCopy.UpdateWithoutDocument.SKIP, this::written).position();
            // an update copied in bulk leaves its customer without keys (they need every value): made here, while reads go on
            collection.addMissingSearchKeys(target);
            StreamingEventProcessor live = processing.eventProcessor(CustomerProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .orElseThrow();
            live.shutDown();
            try {
                copier.copy(position, target, CustomerBulkCopy.UpdateWithoutDocument.SKIP, this::written);
                collection.addMissingSearchKeys(target);
                collection.switchTo(target);
            } finally {
                live.start();
            }
            progress = ended("done", null);
            log.info("read model rebuilt into {}: {} events at {} events/s", target, progress.eventsDone(), Math.round(progress.eventsPerSecond()));
        } catch (RuntimeException e) {
            log.error("read model rebuild into {} failed; the live read model is unchanged", target, e);
            // what stopped a copy, not the copy's wrapper
            progress = ended("failed", (e instanceof CustomerBulkCopy.Stopped stopped ? stopped.getCause() : e).toString());
        }
    }

    /** A batch written: counted into the progress an operator sees. */
    private void written(int writes) {
        long done = progress.eventsDone() + writes;
        double seconds = Math.max(0.001, Duration.between(progress.startedAt(), Instant.now()).toMillis() / 1000.0);
        progress = new Progress("running", progress.collection(), done, Math.max(done, progress.eventsTotal()), done / seconds,
                progress.startedAt(), null, null);
    }

    private Progress ended(String state, String error) {
        return new Progress(state, progress.collection(), progress.eventsDone(), progress.eventsTotal(), progress.eventsPerSecond(),
                progress.startedAt(), Instant.now(), error);
    }
}
