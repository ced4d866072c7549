package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A request retried with its Idempotency-Key is answered as the first one was and executes once. */
@StandaloneTest
class IdempotencyTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient company1;

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
    }

    @Test
    void retryWithTheSameKeyAndBodyReturnsTheFirstResponseAndWritesNothing() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = create(key, "{\"first_name\": \"Once\", \"reference\": \"idem_replay\"}");
        long events = eventCount();

        ApiClient.Response retry = create(key, "{\"reference\": \"idem_replay\",  \"first_name\": \"Once\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(eventCount()).as("the retry wrote nothing").isEqualTo(events);
        assertThat(company1.get("/v1/customers?reference=idem_replay").body().at("/meta/total").asInt()).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        create(key, "{\"first_name\": \"First\"}");

        ApiClient.Response other = create(key, "{\"first_name\": \"Second\"}");

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().at("/invalid_parameters/0/parameter").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void keysBelongToOneCompany() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response mine = create(key, "{\"first_name\": \"Mine\"}");

        ApiClient.Response theirs = ApiClient.company2(port).send("POST", "/v1/customers", "{\"first_name\": \"Mine\"}",
                Map.of("Idempotency-Key", key));

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.body().get("customer_id")).isNotEqualTo(mine.body().get("customer_id"));
    }

    @Test
    void concurrentRequestsWithOneKeyExecuteOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<ApiClient.Response>> responses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                responses.add(threads.submit(() -> {
                    start.await();
                    return create(key, "{\"reference\": \"idem_concurrent\"}");
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<ApiClient.Response> response : responses) {
                assertThat(response.get().status()).isEqualTo(201);
                ids.add(response.get().body().get("customer_id").asText());
            }
            assertThat(ids).as("every caller sees the one customer").containsOnly(ids.get(0));
        } finally {
            threads.shutdownNow();
        }
        assertThat(company1.get("/v1/customers?reference=idem_concurrent").body().at("/meta/total").asInt()).isEqualTo(1);
    }

    @Test
    void failedValidationStoresNothing() {
        String key = UUID.randomUUID().toString();
        assertThat(create(key, "{\"dob\": \"not-a-date\"}").status()).isEqualTo(400);

        assertThat(create(key, "{\"dob\": \"1990-01-01\"}").status()).as("the key is still free").isEqualTo(201);
    }

    @Test
    void aRefusedWriteStoresNothing() {
        company1.create(Map.of("reference", "idem_taken"));
        String key = UUID.randomUUID().toString();
        assertThat(create(key, "{\"reference\": \"idem_taken\"}").status()).isEqualTo(409);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE key = ?", Integer.class, key)).isZero();
    }

    @Test
    void anExpiredKeyExecutesAgain() {
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = create(key, "{\"first_name\": \"Old\"}");
        jdbc.update("UPDATE idempotency_key SET created_at = now() - interval '25 hours' WHERE key = ?", key);

        ApiClient.Response later = create(key, "{\"first_name\": \"Old\"}");

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.body().get("customer_id")).isNotEqualTo(first.body().get("customer_id"));
    }

    @Test
    void updatesAreIdempotentToo() {
        String id = company1.create(Map.of("first_name", "Ann"));
        String key = UUID.randomUUID().toString();
        ApiClient.Response first = update(id, key, "{\"last_name\": \"Lee\"}");
        company1.put("/v1/customers/" + id, Map.of("last_name", "Later"));

        ApiClient.Response retry = update(id, key, "{\"last_name\": \"Lee\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(company1.get("/v1/customers/" + id).body().get("last_name").asText()).as("the retry did not run again")
                .isEqualTo("Later");
        assertThat(update(id, key, "{\"last_name\": \"Other\"}").status()).isEqualTo(409);
    }

    @Test
    void keyLongerThan255CharactersIsRejected() {
        ApiClient.Response response = create("k".repeat(256), "{\"first_name\": \"Long\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/invalid_parameters/0/parameter").asText()).isEqualTo("Idempotency-Key");
        assertThat(create("k".repeat(255), "{\"first_name\": \"Long\"}").status()).isEqualTo(201);
    }

    private ApiClient.Response create(String key, String body) {
        return company1.send("POST", "/v1/customers", body, Map.of("Idempotency-Key", key));
    }

    private ApiClient.Response update(String id, String key, String body) {
        return company1.send("PUT", "/v1/customers/" + id, body, Map.of("Idempotency-Key", key));
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry", Long.class);
    }
}
