package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Read documents written before the read model kept a reference key get one, so the reference filter finds them. */
class CustomerCollectionTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void startServer() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "customers-test");
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void documentsWithoutAReferenceKeyGetTheKeyOfTheirReference() {
        mongo.insert(new Document("_id", "a").append("reference", " Order-7"), CustomerDocument.COLLECTION);
        mongo.insert(new Document("_id", "b").append("first_name", "No reference"), CustomerDocument.COLLECTION);
        mongo.insert(new Document("_id", "c").append("reference", "Kept").append("reference_key", "kept"), CustomerDocument.COLLECTION);
        CustomerCollection collection = new CustomerCollection(mongo);

        collection.addMissingReferenceKeys(collection.name());

        assertThat(mongo.findById("a", Document.class, CustomerDocument.COLLECTION)).containsEntry("reference_key", "order-7");
        assertThat(mongo.findById("b", Document.class, CustomerDocument.COLLECTION)).doesNotContainKey("reference_key");
        assertThat(mongo.findById("c", Document.class, CustomerDocument.COLLECTION)).containsEntry("reference_key", "kept");
    }

    @Test
    void documentsWithoutCurrentSearchKeysGetTheKeysOfTheirValues() {
        mongo.insert(new Document("_id", "a").append("sequence", 2L).append("first_name", "Zoë")
                .append("billing", new Document("address", new Document("postcode", "E1 7RT"))), CustomerDocument.COLLECTION);
        mongo.insert(new Document("_id", "b").append("sequence", 0L).append("last_name", "Old")
                .append("search", new Document("v", 0).append("words", java.util.List.of("stale"))), CustomerDocument.COLLECTION);
        mongo.insert(new Document("_id", "c").append("sequence", 3L).append("erased", true), CustomerDocument.COLLECTION);
        CustomerCollection collection = new CustomerCollection(mongo);

        collection.addMissingSearchKeys(collection.name());

        Document a = mongo.findById("a", Document.class, CustomerDocument.COLLECTION).get("search", Document.class);
        assertThat(a).containsEntry("v", org.customerprofile.api.customer.SearchKeys.VERSION).containsEntry("first_name", "zoe")
                .containsEntry("postcodes", java.util.List.of("e17rt"));
        assertThat(mongo.findById("b", Document.class, CustomerDocument.COLLECTION).get("search", Document.class))
                .containsEntry("words", java.util.List.of("old")).containsEntry("last_name", "old");
        assertThat(mongo.findById("c", Document.class, CustomerDocument.COLLECTION)).as("a tombstone stays bare").doesNotContainKey("search");
    }

    @Test
    void theReferenceIndexWithoutTheListsOrderMakesWayForItsSuccessor() {
        mongo.indexOps(CustomerDocument.COLLECTION).ensureIndex(new org.springframework.data.mongodb.core.index.Index()
                .on("company_id", org.springframework.data.domain.Sort.Direction.ASC)
                .on("reference_key", org.springframework.data.domain.Sort.Direction.ASC).named("company_reference_key"));
        CustomerCollection collection = new CustomerCollection(mongo);

        collection.createIndexes(collection.name());
        collection.createIndexes(collection.name());

        assertThat(mongo.indexOps(CustomerDocument.COLLECTION).getIndexInfo())
                .extracting(org.springframework.data.mongodb.core.index.IndexInfo::getName)
                .doesNotContain("company_reference_key").contains("company_reference_key_created", "company_search_emails",
                        "company_search_phones", "company_search_postcodes", "company_search_first_name", "company_search_last_name",
                        "company_created_search_words");
    }
}
