package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A GET sent after a successful write returns that write, with nothing special done by the client. */
@StandaloneTest
class ReadYourWritesTest {

    static final int THREADS = 4;
    static final int ROUNDS = 25;

    @LocalServerPort
    int port;

    @Test
    void everyWriteIsVisibleToTheNextRead() throws Exception {
        ApiClient client = ApiClient.company1(port);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                checked.add(threads.submit(() -> writeThenRead(client, thread)));
            }
            for (Future<Integer> rounds : checked) {
                assertThat(rounds.get()).isEqualTo(ROUNDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static int writeThenRead(ApiClient client, int thread) {
        int rounds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String reference = "ryw_" + thread + "_" + round;
            ApiClient.Response created = client.post("/v1/customers", Map.of("reference", reference, "last_name", "Round"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Customers-Read-Model")).isEqualTo("applied");
            String id = created.body().get("customer_id").asText();
            assertThat(client.get("/v1/customers/" + id).status()).isEqualTo(200);
            assertThat(client.get("/v1/customers?reference=" + reference).body().at("/meta/total").asInt()).isEqualTo(1);

            String name = "Round " + (char) ('a' + round);
            assertThat(client.put("/v1/customers/" + id, Map.of("last_name", name)).status()).isEqualTo(200);
            assertThat(client.get("/v1/customers/" + id).body().get("last_name").asText()).isEqualTo(name);
            rounds++;
        }
        return rounds;
    }
}
