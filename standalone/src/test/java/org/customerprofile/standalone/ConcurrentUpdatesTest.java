package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.customerprofile.api.customer.CustomerField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Parallel partial updates of one customer through two instances sharing the event store: every
 * field's last write survives (optimistic concurrency, retried against the latest state), no 5xx.
 */
@StandaloneTest
class ConcurrentUpdatesTest {

    /** Every string leaf that takes free text of up to 40 characters, each owned by one writer. */
    static final List<String> FIELDS = Arrays.stream(CustomerField.values()).map(CustomerField::path)
            .filter(path -> path.endsWith("line_1") || path.endsWith("line_2") || path.endsWith("city") || path.endsWith("postcode"))
            .toList();
    static final int WRITES_PER_FIELD = 7;

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedPostgres postgres;
    @Autowired
    MongoServer mongo;

    @Test
    void parallelPartialUpdatesLoseNoField() throws Exception {
        ApiClient here = ApiClient.company1(port);
        String id = here.create(Map.of("first_name", "Contended"));
        try (SecondInstance second = new SecondInstance(postgres, mongo)) {
            ApiClient there = ApiClient.company1(second.port());
            ExecutorService threads = Executors.newFixedThreadPool(FIELDS.size());
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<List<Integer>>> writers = new ArrayList<>();
                for (int f = 0; f < FIELDS.size(); f++) {
                    String field = FIELDS.get(f);
                    ApiClient client = f % 2 == 0 ? here : there;
                    writers.add(threads.submit(() -> {
                        start.await();
                        List<Integer> statuses = new ArrayList<>();
                        for (int write = 1; write <= WRITES_PER_FIELD; write++) {
                            statuses.add(client.put("/v1/customers/" + id, CustomerField.nest(Map.of(field, "Write " + write))).status());
                        }
                        return statuses;
                    }));
                }
                start.countDown();
                for (Future<List<Integer>> writer : writers) {
                    assertThat(writer.get()).containsOnly(200);
                }
            } finally {
                threads.shutdownNow();
            }
        }

        JsonNode customer = here.get("/v1/customers/" + id).body();
        for (String field : FIELDS) {
            assertThat(customer.at("/" + field.replace('.', '/')).asText()).as(field).isEqualTo("Write " + WRITES_PER_FIELD);
        }
        assertThat(customer.get("first_name").asText()).isEqualTo("Contended");
    }
}
