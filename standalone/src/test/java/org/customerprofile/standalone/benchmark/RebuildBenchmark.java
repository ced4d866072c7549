package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Read model rebuild rate (events/s) for {@value #CUSTOMERS} customers × 2 events, side by side with
 * the raw rate of bulk-writing the same inserts and updates into the same MongoDB store in the same run.
 */
@Tag("benchmark")
class RebuildBenchmark {

    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", 100_000);
    static final int BATCH = 2_000;
    static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    static final MetaData AUDIT = MetaData.with("companyId", COMPANY.toString()).and("appId", "benchmark");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void rebuildAgainstRawBulkWrites() throws Exception {
        try (ConfigurableApplicationContext app = Harness.start()) {
            String base = Harness.base(app);
            EventStorageEngine engine = app.getBean(EventStorageEngine.class);
            MongoTemplate mongo = app.getBean(MongoTemplate.class);

            List<UUID> ids = new ArrayList<>();
            Instant appended = Instant.now();
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                batch.add(new GenericDomainEventMessage<>("Customer", id.toString(), 0, new CustomerCreated(id, COMPANY, Harness.profile(i)), AUDIT));
                batch.add(new GenericDomainEventMessage<>("Customer", id.toString(), 1, new CustomerUpdated(id, COMPANY,
                        Map.of(CustomerField.LAST_NAME, new FieldChange(null, "Rebuilt"),
                                CustomerField.BILLING_ADDRESS_POSTCODE, new FieldChange("LS1", null))), AUDIT));
                if (batch.size() >= BATCH) {
                    engine.appendEvents(batch);
                    batch.clear();
                }
            }
            engine.appendEvents(batch);
            double appendSeconds = Duration.between(appended, Instant.now()).toMillis() / 1000.0;

            // the projection handles events in global order: the last customer's update shown means all are
            Instant catchUp = Instant.now();
            String merchant = Harness.loginCompany1(base);
            String last = "/v1/customers/" + ids.get(CUSTOMERS - 1);
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "Rebuilt".equals(send(base, "GET", last, merchant).path("last_name").asText()));
            double liveSeconds = Duration.between(catchUp, Instant.now()).toMillis() / 1000.0;

            String operator = Harness.login(base, "operator", "key-of-the-operator-app-00000000");
            send(base, "POST", "/v1/operations/read-model/rebuild", operator);
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !send(base, "GET", "/v1/operations/read-model/rebuild", operator).get("state").asText().equals("running"));
            JsonNode rebuild = send(base, "GET", "/v1/operations/read-model/rebuild", operator);
            double rebuildSeconds = Duration.between(Instant.parse(rebuild.get("started_at").asText()),
                    Instant.parse(rebuild.get("ended_at").asText())).toMillis() / 1000.0;
            long events = rebuild.get("events_done").asLong();

            Instant raw = Instant.now();
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, "raw_bulk");
            int pending = 0;
            for (int i = 0; i < CUSTOMERS; i++) {
                String id = ids.get(i).toString();
                Document document = new Document("_id", id).append("company_id", COMPANY.toString()).append("sequence", 0L)
                        .append("created", new Date()).append("last_updated", new Date());
                document.putAll(CustomerField.nest(Harness.profile(i).byPath()));
                bulk.insert(document);
                bulk.updateOne(Query.query(Criteria.where("_id").is(id)),
                        new Update().set("sequence", 1L).set("last_updated", new Date()).set("last_name", "Rebuilt").unset("billing.address.postcode"));
                pending += 2;
                if (pending >= BATCH) {
                    bulk.execute();
                    bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, "raw_bulk");
                    pending = 0;
                }
            }
            if (pending > 0) {
                bulk.execute();
            }
            double rawSeconds = Duration.between(raw, Instant.now()).toMillis() / 1000.0;

            double rebuildRate = events / rebuildSeconds;
            double rawRate = 2.0 * CUSTOMERS / rawSeconds;
            String table = String.format("""
                    Read model rebuild, %d customers, %d events (mongo-java-server memory backend, embedded PostgreSQL)

                    | what | events (or writes) | seconds | per second |
                    |---|---|---|---|
                    | append the events (storage engine, batches of %d) | %d | %.1f | %.0f |
                    | live projection catching up at start (tracking processor) | %d | %.1f | %.0f |
                    | **rebuild** (batched event store reads, ordered bulk writes, switch) | %d | %.1f | **%.0f** |
                    | raw bulk writes of the same inserts and updates | %d | %.1f | %.0f |
                    | **rebuild / raw** | | | **%.2f** |
                    """, CUSTOMERS, 2 * CUSTOMERS, BATCH, 2 * CUSTOMERS, appendSeconds, 2 * CUSTOMERS / appendSeconds,
                    2 * CUSTOMERS, liveSeconds, 2 * CUSTOMERS / liveSeconds, events, rebuildSeconds, rebuildRate,
                    2 * CUSTOMERS, rawSeconds, rawRate, rebuildRate / rawRate);
            Harness.report("rebuild.md", table);
        }
    }

    private JsonNode send(String base, String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        request.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        return json.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
