package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Right to erasure on the real stores: no personal value is ever stored readable, and after the erasure none
 * is left anywhere — not in a dump of the whole PostgreSQL database, not in the read store — while the history
 * keeps every event without its values.
 */
@StandaloneTest
class ErasureTest {

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgres postgres;
    @Autowired
    MongoTemplate mongo;

    @Test
    void anErasedCustomerLeavesNoPersonalValueAnywhereAndItsHistoryStays() throws Exception {
        ApiClient company1 = ApiClient.company1(port);
        String marker = marker("mk");
        String id = company1.create(markedProfile(marker, "a"));
        assertThat(company1.put("/v1/customers/" + id, markedProfile(marker, "b")).status()).isEqualTo(200);
        assertThat(company1.get("/v1/customers/" + id).body().get("first_name").asText()).isEqualTo(marker + "fnb");

        assertThat(PostgresDump.of(postgres).holds(marker)).as("before the erasure: encrypted or hashed at rest").isFalse();
        assertThat(wholeFeed(company1)).as("served, so kept by the feed").contains(marker + "fnb");

        ApiClient.Response erased = company1.send("DELETE", "/v1/customers/" + id, null, Map.of());

        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.body().get("status").asText()).isEqualTo("success");
        for (String path : List.of("", "?version=1", "?as_of=2100-01-01T00:00:00Z")) {
            ApiClient.Response gone = company1.get("/v1/customers/" + id + path);
            assertThat(gone.status()).as(path).isEqualTo(410);
            assertThat(gone.body().get("error_type").asText()).isEqualTo("gone");
        }
        assertThat(company1.put("/v1/customers/" + id, Map.of("first_name", "Again")).status()).isEqualTo(410);
        assertThat(company1.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(410);
        ApiClient company2 = ApiClient.company2(port);
        assertThat(company2.get("/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(company2.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(404);
        assertThat(company1.get("/v1/customers?reference=" + marker + "refb").body().at("/meta/total").asInt()).isZero();

        JsonNode history = company1.get("/v1/customers/" + id + "/events").body().get("data");
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("erased").asBoolean()).isTrue();
        assertThat(history.get(0).at("/changes/first_name/new").isNull()).isTrue();
        assertThat(history.get(0).at("/changes/shipping.address_match/new").asBoolean()).as("not personal").isFalse();
        assertThat(history.get(1).at("/changes/email/old").isNull()).isTrue();
        assertThat(history.get(2).get("type").asText()).isEqualTo("customer.erased");
        assertThat(history.toString()).doesNotContain(marker);
        assertThat(wholeFeed(company1)).contains(id).contains("customer.erased").doesNotContain(marker);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(readStore()).doesNotContain(marker));
        assertThat(PostgresDump.of(postgres).holds(marker)).as("after the erasure").isFalse();
        assertThat(company1.post("/v1/customers", Map.of("reference", marker + "refb")).status())
                .as("the reference is free at once").isEqualTo(201);
    }

    @Test
    void anotherCompanysDeleteIsNotFoundAndChangesNothing() {
        ApiClient company1 = ApiClient.company1(port);
        String id = company1.create(Map.of("first_name", "Whole", "reference", "keep-" + UUID.randomUUID().toString().substring(0, 8)));

        assertThat(ApiClient.company2(port).send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(404);

        JsonNode customer = company1.get("/v1/customers/" + id).body();
        assertThat(customer.get("first_name").asText()).isEqualTo("Whole");
        assertThat(company1.get("/v1/customers/" + id + "/events").body().at("/data/0/erased").asBoolean()).isFalse();
    }

    @Test
    void theExportHoldsTheCustomerAndEveryEventWithItsValuesUntilTheErasure() {
        ApiClient company1 = ApiClient.company1(port);
        String reference = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        String id = company1.create(Map.of("first_name", "Ada", "email", "ada@example.com", "reference", reference));
        assertThat(company1.put("/v1/customers/" + id, Map.of("first_name", "Grace")).status()).isEqualTo(200);

        ApiClient.Response export = company1.get("/v1/customers/" + id + "/export");

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        JsonNode customer = export.body().get("customer");
        assertThat(customer.get("customer_id").asText()).isEqualTo(id);
        assertThat(customer.get("first_name").asText()).isEqualTo("Grace");
        assertThat(customer.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(customer.get("reference").asText()).isEqualTo(reference);
        JsonNode events = export.body().get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("type").asText()).isEqualTo("customer.created");
        assertThat(events.get(0).at("/changes/first_name/new").asText()).isEqualTo("Ada");
        assertThat(events.get(1).at("/changes/first_name/old").asText()).isEqualTo("Ada");
        assertThat(events.get(1).at("/changes/first_name/new").asText()).isEqualTo("Grace");
        assertThat(events).as("as the history shows them")
                .isEqualTo(company1.get("/v1/customers/" + id + "/events").body().get("data"));
        assertThat(ApiClient.company2(port).get("/v1/customers/" + id + "/export").status()).isEqualTo(404);
        assertThat(company1.get("/v1/customers/" + UUID.randomUUID() + "/export").status()).isEqualTo(404);
        assertThat(company1.get("/v1/customers/not-an-id/export").status()).isEqualTo(404);

        assertThat(company1.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(200);

        ApiClient.Response gone = company1.get("/v1/customers/" + id + "/export");
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body().get("error_type").asText()).isEqualTo("gone");
        assertThat(ApiClient.company2(port).get("/v1/customers/" + id + "/export").status()).isEqualTo(404);
    }

    /** A value with the marker in every personal field; {@code round} tells creation and update apart. */
    /** A value no test data holds by chance: letters only, since names accept nothing else. */
    /** Every page of the caller's company's feed from the start, one after the other. */
    static String wholeFeed(ApiClient client) {
        StringBuilder feed = new StringBuilder();
        for (String after = "0", page = ""; !page.contains("\"data\":[]"); after = ApiClient.json(page).at("/meta/next").asText()) {
            page = client.get("/v1/events?after=" + after + "&limit=1000").body().toString();
            feed.append(page);
        }
        return feed.toString();
    }

    static String marker(String prefix) {
        return prefix + ThreadLocalRandom.current().ints(10, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }

    static Map<String, Object> markedProfile(String marker, String round) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (CustomerField field : CustomerField.values()) {
            if (!field.personal()) {
                body.put(field.path(), false);
                continue;
            }
            String value = switch (field) {
                case REFERENCE -> marker + "ref" + round;
                case FIRST_NAME -> marker + "fn" + round;
                case LAST_NAME -> marker + "ln" + round;
                case EMAIL, BILLING_EMAIL, SHIPPING_EMAIL -> marker + "@" + round + field.ordinal() + ".example.com";
                default -> null;
            };
            if (value != null) {
                body.put(field.path(), value);
            }
        }
        body.put("billing", Map.of("address", Map.of("line_1", marker + "l1" + round, "city", marker + "c" + round, "postcode", marker + round)));
        body.remove("billing.email");
        body.remove("shipping.email");
        body.remove("shipping.address_match");
        body.put("shipping", Map.of("address_match", false, "email", marker + "@s" + round + ".example.com"));
        return body;
    }

    private String readStore() {
        StringBuilder all = new StringBuilder();
        for (String collection : mongo.getCollectionNames()) {
            mongo.findAll(Document.class, collection).forEach(document -> all.append(document.toJson()));
        }
        return all.toString();
    }
}
