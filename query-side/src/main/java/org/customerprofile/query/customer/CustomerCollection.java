package org.customerprofile.query.customer;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
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
        // the list filtered by reference; not unique here: uniqueness is the command side's to decide
        indexes.ensureIndex(new Index().on(CustomerDocument.COMPANY_ID, Sort.Direction.ASC).on("reference", Sort.Direction.ASC)
                .named("company_reference"));
    }

    /** Collections of earlier rebuilds, kept after a switch so queries in flight could finish on them. */
    void dropAllBut(String keep) {
        mongo.getCollectionNames().stream()
                .filter(name -> name.startsWith(CustomerDocument.COLLECTION) && !name.equals(keep) && !name.equals(live))
                .forEach(mongo::dropCollection);
    }
}
