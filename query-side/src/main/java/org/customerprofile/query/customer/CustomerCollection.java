package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.ReferenceKey;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
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

    void switchTo(String collection) {
        mongo.upsert(query(where("_id").is(POINTER_ID)), new Update().set("collection", collection), POINTERS);
        live = collection;
    }

    /** An index for every query the API runs on a customer collection. */
    void createIndexes(String collection) {
        IndexOperations indexes = mongo.indexOps(collection);
        // the list: a company's customers, newest first (customer_id breaks ties so pages never overlap)
        indexes.ensureIndex(new CompoundIndexDefinition(new Document(CustomerDocument.COMPANY_ID, 1)
                .append(CustomerDocument.CREATED, -1).append(CustomerDocument.ID, -1)).named("company_created"));
        // the list filtered by reference, compared by its key; not unique here: uniqueness is the command side's to decide
        indexes.ensureIndex(new Index().on(CustomerDocument.COMPANY_ID, Sort.Direction.ASC)
                .on(CustomerDocument.REFERENCE_KEY, Sort.Direction.ASC).named("company_reference_key"));
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
