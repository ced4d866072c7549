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
}
