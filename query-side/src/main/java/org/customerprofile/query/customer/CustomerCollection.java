package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.customerprofile.api.customer.ReferenceKey;
import org.customerprofile.api.customer.SearchKeys;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which MongoDB collection holds the live customer read model. A rebuild fills a new collection and
 * then switches this pointer in one single-document write, so readers move from the complete old model
 * to the complete new one with nothing in between. The pointer is kept in {@value #POINTERS}.
 */
@Component
class CustomerCollection {

    static final String POINTERS = "read_models";
    private static final String REFERENCE = CustomerField.REFERENCE.path();
    private static final String POINTER_ID = "customers";
    /** The reference index of releases before search, without the list's order. */
    private static final String UNORDERED_REFERENCE_INDEX = "company_reference_key";

    private final MongoTemplate mongo;
    private volatile String live;

    CustomerCollection(MongoTemplate mongo) {
        this.mongo = mongo;
        Document pointer = mongo.findById(POINTER_ID, Document.class, POINTERS);
        this.live = pointer == null ? CustomerDocument.COLLECTION : pointer.getString("collection");
    }

    /** The collection reads and projections use now. */
    String name() {
        return live;
    }

    /** The customer's aggregate sequence the live collection reflects; {@code -1} when it has no document. */
    long sequenceOf(UUID customerId) {
        Query byId = query(where(CustomerDocument.ID).is(customerId.toString()));
        byId.fields().include(CustomerDocument.SEQUENCE);
        Document document = mongo.findOne(byId, Document.class, live);
        return document == null ? -1L : ((Number) document.get(CustomerDocument.SEQUENCE)).longValue();
    }

    void switchTo(String collection) {
        mongo.upsert(query(where("_id").is(POINTER_ID)), new Update().set("collection", collection), POINTERS);
        live = collection;
    }

    /**
     * An index for every query the API runs on a customer collection. Each search key is an equality followed by
     * the list's order (company, key, created, id), so a real MongoDB walks a page in order without sorting.
     * A free-text term is a prefix, a range: a range before the order would need an in-memory sort, so the words
     * come after it, and a {@code q} search walks the company's entries newest first, testing words in the index.
     */
    void createIndexes(String collection) {
        IndexOperations indexes = mongo.indexOps(collection);
        // the list: a company's customers, newest first (customer_id breaks ties so pages never overlap)
        indexes.ensureIndex(ordered("company_created", null));
        // the reference, compared by its key; not unique here: uniqueness is the command side's to decide
        if (indexes.getIndexInfo().stream().anyMatch(index -> index.getName().equals(UNORDERED_REFERENCE_INDEX))) {
            // its successor below also serves the order; both would leave the planner a plan that sorts in memory
            indexes.dropIndex(UNORDERED_REFERENCE_INDEX);
        }
        indexes.ensureIndex(ordered("company_reference_key_created", CustomerDocument.REFERENCE_KEY));
        indexes.ensureIndex(ordered("company_search_emails", CustomerDocument.SEARCH_EMAILS));
        indexes.ensureIndex(ordered("company_search_phones", CustomerDocument.SEARCH_PHONES));
        indexes.ensureIndex(ordered("company_search_postcodes", CustomerDocument.SEARCH_POSTCODES));
        for (CustomerField name : List.of(CustomerField.FIRST_NAME, CustomerField.LAST_NAME)) {
            indexes.ensureIndex(ordered("company_search_" + name.path(), CustomerDocument.searchName(name)));
        }
        indexes.ensureIndex(new CompoundIndexDefinition(new Document(CustomerDocument.COMPANY_ID, 1)
                .append(CustomerDocument.CREATED, -1).append(CustomerDocument.ID, -1).append(CustomerDocument.SEARCH_WORDS, 1))
                .named("company_created_search_words"));
    }

    /** Company, then {@code key} when there is one, then newest first. */
    private static IndexDefinition ordered(String name, String key) {
        Document keys = new Document(CustomerDocument.COMPANY_ID, 1);
        if (key != null) {
            keys.append(key, 1);
        }
        return new CompoundIndexDefinition(keys.append(CustomerDocument.CREATED, -1).append(CustomerDocument.ID, -1)).named(name);
    }

    /**
     * Gives documents written before the read model kept search keys, or by an older {@link SearchKeys#VERSION},
     * the keys of their values, so search finds them without a rebuild; also completes a rebuild's bulk updates.
     * Each write is conditioned on the sequence it read, so a projection writing the customer meanwhile wins.
     */
    void addMissingSearchKeys(String collection) {
        Query stale = query(where(CustomerDocument.ERASED).exists(false).and(CustomerDocument.SEARCH_VERSION).ne(SearchKeys.VERSION));
        try (Stream<Document> documents = mongo.stream(stale, Document.class, collection)) {
            documents.forEach(document -> mongo.updateFirst(
                    query(where(CustomerDocument.ID).is(document.get(CustomerDocument.ID))
                            .and(CustomerDocument.SEQUENCE).is(document.get(CustomerDocument.SEQUENCE))),
                    new Update().set(CustomerDocument.SEARCH, CustomerDocument.searchKeys(CustomerDocument.profileOf(document))),
                    collection));
        }
    }

    /**
     * Gives {@value CustomerDocument#REFERENCE_KEY} to documents written before the read model kept it, so
     * the list's reference filter finds them without a rebuild. Each write is conditioned on the reference
     * it read, so a projection changing the reference meanwhile wins.
     */
    void addMissingReferenceKeys(String collection) {
        Query missing = query(where(REFERENCE).exists(true).and(CustomerDocument.REFERENCE_KEY).exists(false));
        missing.fields().include(REFERENCE);
        mongo.find(missing, Document.class, collection).forEach(document -> mongo.updateFirst(
                query(where(CustomerDocument.ID).is(document.get(CustomerDocument.ID)).and(REFERENCE).is(document.get(REFERENCE))),
                new Update().set(CustomerDocument.REFERENCE_KEY, ReferenceKey.of(document.getString(REFERENCE))), collection));
    }

    /** Collections of earlier rebuilds, kept after a switch so queries in flight could finish on them. */
    void dropAllBut(String keep) {
        mongo.getCollectionNames().stream()
                .filter(name -> name.startsWith(CustomerDocument.COLLECTION) && !name.equals(keep) && !name.equals(live))
                .forEach(mongo::dropCollection);
    }
}
