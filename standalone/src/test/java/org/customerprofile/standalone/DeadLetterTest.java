package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An event the customer projection cannot apply is parked, not skipped and not blocking: it shows in the
 * operator's list and in health, the customer's later events queue behind it, other customers keep
 * flowing, and a retry once the cause is fixed applies them all in order.
 *
 * <p>The poison is a read document damaged by hand ({@code billing} made a string), so the update that
 * writes {@code billing.address.city} fails in MongoDB; repairing the document is the fix. (An event
 * stream with an update and no creation cannot be healed this way: a creation appended later would
 * queue behind the update it should precede.) Every letter made here is retried away before the test
 * ends, so the shared context's health is {@code UP} again for the other suites.
 */
@StandaloneTest
class DeadLetterTest {

    private static final String DEAD_LETTERS = "/v1/operations/dead-letters";
    private static final String RETRY = DEAD_LETTERS + "/retry";

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    ApiClient company1;
    ApiClient operator;
    /** Customers whose read document this test damaged: repaired and retried after each test, whatever happened. */
    private final List<String> damaged = new ArrayList<>();

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
        operator = ApiClient.anonymous(port).login("operator", "key-of-the-operator-app-00000000");
    }

    @AfterEach
    void leaveNoLetterBehind() {
        damaged.forEach(this::repair);
        if (!damaged.isEmpty()) {
            operator.post(RETRY, null);
        }
        assertThat(operator.get(DEAD_LETTERS).body().get("total").asLong()).as("letters left behind").isZero();
    }

    @Test
    void parksAnEventTheProjectionCannotApplyAndAppliesItOnRetryOnceTheCauseIsFixed() {
        String id = company1.create(Map.of("reference", unique("dlq"), "first_name", "Ada"));
        damage(id);

        ApiClient.Response update = company1.put("/v1/customers/" + id, Map.of("billing", Map.of("address", Map.of("city", "Paris"))));

        assertThat(update.status()).as("recorded, but the read model cannot show it").isEqualTo(202);
        assertThat(update.header("Customers-Read-Model")).isEqualTo("pending");
        JsonNode page = operator.get(DEAD_LETTERS).body();
        assertThat(page.get("processing_group").asText()).isEqualTo("customer-projection");
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("sequences").asLong()).isEqualTo(1);
        JsonNode letter = page.get("letters").get(0);
        assertThat(letter.get("sequence_identifier").asText()).isEqualTo(id);
        long firstIndex = letter.get("sequence_index").asLong();
        assertThat(letter.get("customer_id").asText()).isEqualTo(id);
        assertThat(letter.get("sequence").asLong()).isEqualTo(1);
        assertThat(letter.get("event_type").asText()).isEqualTo("org.customerprofile.api.customer.CustomerUpdated");
        assertThat(letter.get("event_identifier").asText()).isNotBlank();
        assertThat(letter.get("cause_type").asText()).isNotBlank();
        assertThat(letter.get("cause_message").asText()).isNotBlank();
        assertThat(letter.get("enqueued_at").asText()).isNotBlank();
        assertThat(letter.get("last_touched").asText()).isNotBlank();
        assertThat(letter.at("/diagnostics/attempts").asInt()).isEqualTo(1);

        JsonNode health = operator.get("/actuator/health").body();
        assertThat(health.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(health.at("/components/deadLetters/status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(health.at("/components/deadLetters/details/letters").asLong()).isEqualTo(1);
        assertThat(health.at("/components/readModel/status").asText()).as("the processor itself runs on").isEqualTo("UP");
        assertThat(ApiClient.anonymous(port).get("/actuator/health").status()).isEqualTo(503);

        // other customers keep flowing: created, applied and readable at once
        String other = company1.create(Map.of("reference", unique("flowing"), "first_name", "Grace"));
        assertThat(company1.get("/v1/customers/" + other).body().get("first_name").asText()).isEqualTo("Grace");

        // the parked customer's next event queues behind its letter instead of overtaking it
        ApiClient.Response later = company1.put("/v1/customers/" + id, Map.of("first_name", "Augusta"));
        assertThat(later.status()).isEqualTo(202);
        JsonNode queued = operator.get(DEAD_LETTERS).body();
        assertThat(queued.get("total").asLong()).isEqualTo(2);
        assertThat(queued.get("sequences").asLong()).isEqualTo(1);
        assertThat(queued.get("letters").get(1).get("sequence_identifier").asText()).isEqualTo(id);
        assertThat(queued.get("letters").get(1).get("sequence_index").asLong()).isEqualTo(firstIndex + 1);
        assertThat(queued.get("letters").get(1).get("sequence").asLong()).isEqualTo(2);

        // a retry before the cause is fixed fails again and keeps both letters, the first one's attempts counted
        JsonNode failed = operator.post(RETRY, null).body();
        assertThat(failed.get("succeeded").asLong()).isZero();
        assertThat(failed.get("remaining").asLong()).isEqualTo(2);
        assertThat(operator.get(DEAD_LETTERS).body().at("/letters/0/diagnostics/attempts").asInt()).isEqualTo(2);

        repair(id);
        ApiClient.Response retried = operator.post(RETRY, null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("succeeded").asLong()).isEqualTo(2);
        assertThat(retried.body().get("remaining").asLong()).isZero();
        assertThat(operator.get(DEAD_LETTERS).body().get("letters")).isEmpty();
        JsonNode customer = company1.get("/v1/customers/" + id).body();
        assertThat(customer.at("/billing/address/city").asText()).isEqualTo("Paris");
        assertThat(customer.get("first_name").asText()).isEqualTo("Augusta");
        // and the customer's events flow live again
        ApiClient.Response afterwards = company1.put("/v1/customers/" + id, Map.of("last_name", "King"));
        assertThat(afterwards.status()).isEqualTo(200);
        assertThat(afterwards.header("Customers-Read-Model")).isEqualTo("applied");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode healthy = operator.get("/actuator/health").body();
            assertThat(healthy.at("/components/deadLetters/status").asText()).isEqualTo("UP");
            assertThat(healthy.get("status").asText()).isEqualTo("UP");
        });
    }

    @Test
    void merchantAppsAreRefusedTheOperatorEndpoints() {
        for (ApiClient.Response refused : List.of(company1.get(DEAD_LETTERS), company1.post(RETRY, null))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.body().get("status").asText()).isEqualTo("error");
            assertThat(refused.body().get("error_type").asText()).isEqualTo("forbidden");
            assertThat(refused.body().get("instance").asText()).startsWith(DEAD_LETTERS);
        }
        ApiClient.Response anonymous = ApiClient.anonymous(port).get(DEAD_LETTERS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("error_type").asText()).isEqualTo("unauthorized");
    }

    @Test
    void theOperatorListsNothingWhenNothingWaits() {
        ApiClient.Response page = operator.get(DEAD_LETTERS + "?limit=5");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("total").asLong()).isZero();
        assertThat(page.body().get("letters")).isEmpty();
        assertThat(operator.post(RETRY, null).body().get("succeeded").asLong()).isZero();
    }

    @Test
    void aLimitOutsideOneToAThousandIsRefused() {
        for (String limit : List.of("0", "1001", "many")) {
            ApiClient.Response refused = operator.get(DEAD_LETTERS + "?limit=" + limit);

            assertThat(refused.status()).as(limit).isEqualTo(400);
            assertThat(refused.body().get("error_type").asText()).isEqualTo("validation");
            assertThat(refused.body().at("/invalid_parameters/0/parameter").asText()).isEqualTo("limit");
        }
    }

    private void damage(String id) {
        damaged.add(id);
        ReadModelDamage.damage(mongo, id);
    }

    private void repair(String id) {
        ReadModelDamage.repair(mongo, id);
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
