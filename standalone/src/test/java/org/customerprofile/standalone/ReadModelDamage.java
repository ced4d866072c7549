package org.customerprofile.standalone;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Damages a customer's read document by hand the way an event cannot be applied to, and repairs it: the
 * poison of the dead-letter tests. {@code billing} becomes a string, so an update writing
 * {@code billing.address.…} fails in MongoDB. Works on whichever customer collection holds the document.
 */
final class ReadModelDamage {

    private static final String DAMAGED = "damaged by hand";

    private ReadModelDamage() {
    }

    static void damage(MongoTemplate mongo, String customerId) {
        for (String collection : customerCollections(mongo)) {
            mongo.updateFirst(query(where("_id").is(customerId)), new Update().set("billing", DAMAGED), collection);
        }
    }

    /** Undoes {@link #damage} only: a {@code billing} written since (by a successful retry) stays. */
    static void repair(MongoTemplate mongo, String customerId) {
        for (String collection : customerCollections(mongo)) {
            Document document = mongo.findById(customerId, Document.class, collection);
            if (document != null && DAMAGED.equals(document.get("billing"))) {
                mongo.updateFirst(query(where("_id").is(customerId)), new Update().unset("billing"), collection);
            }
        }
    }

    private static Iterable<String> customerCollections(MongoTemplate mongo) {
        return mongo.getCollectionNames().stream().filter(name -> name.startsWith("customers")).toList();
    }
}
