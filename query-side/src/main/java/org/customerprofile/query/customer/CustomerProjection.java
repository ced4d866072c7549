package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.ReadableVersions;
import org.customerprofile.api.customer.ReferenceKey;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps one {@link CustomerDocument} per customer. Idempotent and replay-safe: every write is one
 * single-document operation conditioned on the sequence the document already reflects, so an event
 * seen twice changes nothing. Uses no MongoDB transactions (the in-process wire server has none).
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class CustomerProjection {

    /** Stable: it keys this projection's tracking tokens. */
    static final String PROCESSING_GROUP = "customer-projection";

    private final MongoTemplate mongo;
    private final CustomerCollection collection;
    private final ReadableVersions versions;

    CustomerProjection(MongoTemplate mongo, CustomerCollection collection, ReadableVersions versions) {
        this.mongo = mongo;
        this.collection = collection;
        this.versions = versions;
    }

    @EventHandler
    void on(CustomerCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        try {
            mongo.insert(document(event, sequence, at), collection.name());
        } catch (DuplicateKeyException alreadyApplied) {
            // a replay or redelivery: the document already reflects this event
        }
        announce(event.customerId(), sequence);
    }

    @EventHandler
    void on(CustomerUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        String id = event.customerId().toString();
        // the whole document: the search keys are made from every value, not only the changed ones
        Document current = mongo.findOne(query(where(CustomerDocument.ID).is(id)), Document.class, collection.name());
        if (current == null) {
            // never skip silently: the processor parks the event rather than lose it
            throw new IllegalStateException("customer " + id + " updated at sequence " + sequence + " but has no read model");
        }
        // read, then write, both by _id (a compound filter scans every document on the wire server):
        // safe because one processor thread at a time handles a customer's events, in order
        if (((Number) current.get(CustomerDocument.SEQUENCE)).longValue() < sequence) {
            Profile after = CustomerDocument.profileOf(current).apply(event.changes());
            mongo.updateFirst(query(where(CustomerDocument.ID).is(id)),
                    update(event, sequence, at).set(CustomerDocument.SEARCH, CustomerDocument.searchKeys(after)), collection.name());
        }
        announce(event.customerId(), sequence);
    }

    /**
     * Replaces the customer's document by a tombstone without a value of the person (so reads answer 410 to its
     * company). Its key left this process's cache when the event was read (EncryptingSerializer).
     */
    @EventHandler
    void on(CustomerErased event, @SequenceNumber long sequence) {
        mongo.save(tombstone(event, sequence), collection.name());
        announce(event.customerId(), sequence);
    }

    /** What is left of an erased customer: enough to answer its company {@code 410}, no personal value. */
    static Document tombstone(CustomerErased event, long sequence) {
        return new Document(CustomerDocument.ID, event.customerId().toString())
                .append(CustomerDocument.COMPANY_ID, event.companyId().toString())
                .append(CustomerDocument.SEQUENCE, sequence)
                .append(CustomerDocument.ERASED, true);
    }

    /** The document of a customer as created. */
    static Document document(CustomerCreated event, long sequence, Instant at) {
        Document document = new Document(CustomerDocument.ID, event.customerId().toString())
                .append(CustomerDocument.COMPANY_ID, event.companyId().toString())
                .append(CustomerDocument.SEQUENCE, sequence)
                .append(CustomerDocument.CREATED, Date.from(at))
                .append(CustomerDocument.LAST_UPDATED, Date.from(at));
        document.putAll(CustomerField.nest(event.profile().byPath()));
        document.append(CustomerDocument.SEARCH, CustomerDocument.searchKeys(event.profile()));
        if (event.profile().get(CustomerField.REFERENCE) instanceof String reference) {
            document.append(CustomerDocument.REFERENCE_KEY, ReferenceKey.of(reference));
        }
        return document;
    }

    /**
     * The changed fields set or unset, and the sequence and time the document now reflects. The search keys
     * need every value: the caller sets them, or leaves them for {@link CustomerCollection#addMissingSearchKeys}.
     */
    static Update update(CustomerUpdated event, long sequence, Instant at) {
        Update update = new Update()
                .set(CustomerDocument.SEQUENCE, sequence)
                .set(CustomerDocument.LAST_UPDATED, Date.from(at));
        event.changes().forEach((field, change) -> {
            if (change.current() == null) {
                update.unset(field.path());
            } else {
                update.set(field.path(), change.current());
            }
        });
        FieldChange reference = event.changes().get(CustomerField.REFERENCE);
        if (reference != null && reference.current() instanceof String now) {
            update.set(CustomerDocument.REFERENCE_KEY, ReferenceKey.of(now));
        } else if (reference != null) {
            update.unset(CustomerDocument.REFERENCE_KEY);
        }
        return update;
    }

    /** Tells the writes waiting in this JVM, once the batch that made it readable is committed. */
    private void announce(UUID customerId, long sequence) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> versions.madeReadable(customerId, sequence));
        } else {
            versions.madeReadable(customerId, sequence);
        }
    }
}
