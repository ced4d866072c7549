package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL stops under a load of creates and starts again: meanwhile writes answer 503 in the error
 * shape, promptly; afterwards the service writes again by itself, and no create it acknowledged is lost.
 */
class StoreOutageTest {

    static final int WRITERS = 4;
    /** The pool's wait for a connection in this test; a request of the outage must answer well within it plus slack. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dataDir;

    record Outcome(int status, String customerId, String errorType, long millis, long startedAt) {
    }

    @Test
    void writesAndEventStoreReadsAnswer503WhileTheStoreIsDownAndResumeWithNothingLost() throws Exception {
        EmbeddedPostgres restarted = null;
        ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir,
                        "--spring.datasource.hikari.connection-timeout=" + CONNECTION_TIMEOUT.toMillis());
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            ApiClient company1 = ApiClient.company1(port);
            EmbeddedPostgres postgres = app.getBean(EmbeddedPostgres.class);
            Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger numbers = new AtomicInteger();
            for (int w = 0; w < WRITERS; w++) {
                writers.submit(() -> {
                    while (writing.get()) {
                        long start = System.nanoTime();
                        ApiClient.Response response = company1.post("/v1/customers", Map.of("reference", "outage_" + numbers.incrementAndGet()));
                        outcomes.add(new Outcome(response.status(),
                                response.body().has("customer_id") ? response.body().get("customer_id").asText() : null,
                                response.body().has("error_type") ? response.body().get("error_type").asText() : null,
                                (System.nanoTime() - start) / 1_000_000, start));
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream().filter(o -> o.status() == 201).count() >= 20);

            long stoppedAt = System.nanoTime();
            postgres.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream().filter(o -> o.startedAt() > stoppedAt && o.status() == 503).count() >= 10);
            String written = outcomes.stream().filter(o -> o.status() == 201).findFirst().orElseThrow().customerId();
            ApiClient.Response history = company1.get("/v1/customers/" + written + "/events");
            assertThat(history.status()).as("a read of the event store during the outage").isEqualTo(503);
            assertThat(history.body().get("error_type").asText()).isEqualTo("service_unavailable");
            assertThat(company1.get("/v1/customers/" + written).status()).as("the read model still answers").isEqualTo(200);
            long restartAt = System.nanoTime();
            restarted = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(postgres.getPort())
                    .start();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> outcomes.stream().filter(o -> o.startedAt() > restartAt && o.status() == 201).count() >= 20);
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            List<Outcome> all = new ArrayList<>(outcomes);
            assertThat(all).extracting(Outcome::status).as("only written, accepted or unavailable").isSubsetOf(201, 202, 503);
            List<Outcome> unavailable = all.stream().filter(o -> o.status() == 503).toList();
            assertThat(unavailable).extracting(Outcome::errorType).containsOnly("service_unavailable");
            assertThat(unavailable).as("a 503 comes within the pool's wait and some slack, never after a hang")
                    .allSatisfy(o -> assertThat(o.millis()).isLessThan(CONNECTION_TIMEOUT.toMillis() + 2_000));
            List<String> acknowledged = all.stream().filter(o -> o.status() == 201 || o.status() == 202).map(Outcome::customerId).toList();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                for (String id : acknowledged) {
                    assertThat(company1.get("/v1/customers/" + id).status()).as("acknowledged customer %s", id).isEqualTo(200);
                }
            });
        } finally {
            writers.shutdownNow();
            app.close();
            if (restarted != null) {
                // the context's close stopped the server on this data directory already
                closeQuietly(restarted);
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (Exception alreadyStopped) {
            // nothing left to stop
        }
    }
}
