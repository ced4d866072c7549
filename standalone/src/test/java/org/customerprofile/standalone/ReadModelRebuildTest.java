package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** An operator rebuilds the read model from the event store during live traffic: same content, no failed request. */
@StandaloneTest
class ReadModelRebuildTest {

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void rebuildDuringTrafficAndAfterErasuresEndsWithAnIdenticalReadModel() throws Exception {
        ApiClient company1 = ApiClient.company1(port);
        for (int i = 0; i < 40; i++) {
            String id = company1.create(Map.of("reference", "rebuild_" + i, "first_name", "Before",
                    "billing", Map.of("address", Map.of("city", "York", "postcode", "YO1"))));
            company1.put("/v1/customers/" + id, "{\"last_name\": \"Changed\", \"billing\": {\"address\": {\"postcode\": null}}}");
            if (i % 10 == 0) {
                // an erased customer's tombstone must come out of a rebuild as the projection left it
                assertThat(company1.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(200);
            }
        }
        String before = liveCollection();
        List<String> snapshot = documents(before);

        AtomicBoolean traffic = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        Map<String, String> writtenDuring = new ConcurrentHashMap<>();
        ExecutorService client = Executors.newSingleThreadExecutor();
        client.submit(() -> {
            for (int i = 0; traffic.get(); i++) {
                ApiClient.Response created = company1.post("/v1/customers", Map.of("reference", "during_" + i));
                if (created.status() != 201) {
                    failures.incrementAndGet();
                    continue;
                }
                String id = created.body().get("customer_id").asText();
                writtenDuring.put(id, "during_" + i);
                if (company1.get("/v1/customers/" + id).status() != 200) {
                    failures.incrementAndGet();
                }
            }
        });

        ApiClient operator = ApiClient.anonymous(port).login("operator", "key-of-the-operator-app-00000000");
        ApiClient.Response started = operator.post("/v1/operations/read-model/rebuild", "{}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("state").asText()).isEqualTo("running");
        assertThat(started.body().get("events_total").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(operator.get("/v1/operations/read-model/rebuild").body().get("state").asText()).isEqualTo("done"));
        int atSwitch = writtenDuring.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> writtenDuring.size() >= atSwitch + 5); // traffic on the new collection
        traffic.set(false);
        client.shutdown();
        assertThat(client.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        JsonNode progress = operator.get("/v1/operations/read-model/rebuild").body();
        assertThat(progress.get("events_done").asLong()).isEqualTo(progress.get("events_total").asLong());
        String after = liveCollection();
        assertThat(after).isNotEqualTo(before);
        assertThat(failures.get()).as("no request failed during the rebuild").isZero();
        List<String> rebuilt = documents(after);
        assertThat(rebuilt).as("every document as the live projection wrote it").containsAll(snapshot);
        for (Map.Entry<String, String> written : writtenDuring.entrySet()) {
            assertThat(company1.get("/v1/customers/" + written.getKey()).body().get("reference").asText()).isEqualTo(written.getValue());
        }
        assertThat(ApiClient.company2(port).post("/v1/operations/read-model/rebuild", "{}").status())
                .as("merchants cannot rebuild").isEqualTo(403);
    }

    private String liveCollection() {
        Document pointer = mongo.findById("customers", Document.class, "read_models");
        return pointer == null ? "customers" : pointer.getString("collection");
    }

    private List<String> documents(String collection) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection).stream().map(Document::toJson).toList();
    }
}
