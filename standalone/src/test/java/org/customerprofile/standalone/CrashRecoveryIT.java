package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged service in the middle of a write load — creations, updates and erasures — then a
 * restart on the same data directory: every write that was acknowledged is there, whole, in the event store
 * and (after catch-up) in the read model; every customer whose erasure was under way is either whole or
 * erased everywhere (event store, data key, read model, history, feed, reference), never half.
 */
class CrashRecoveryIT {

    static final int WRITERS = 4;
    static final int UPDATERS = 2;
    static final int ERASABLE = 40;

    /** Letters only (names accept nothing else), unique per run; each customer's values carry it and its own index. */
    static final String MARKER = "mk" + letters(ThreadLocalRandom.current().nextInt(1_000_000, Integer.MAX_VALUE));

    @Test
    void acknowledgedWritesSurviveAndEveryErasureIsWholeOrNoneAfterKillMinus9() throws Exception {
        Path dataDir = Files.createTempDirectory("crash-it-data");
        int port = ServiceProcesses.freePort();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<Erasable> erasable = new ArrayList<>();
        Process service = start(dataDir, port, "first-run.log");
        try {
            ServiceProcesses.awaitHealthy(port);
            ApiClient client = ApiClient.company1(port);
            for (int i = 0; i < ERASABLE; i++) {
                erasable.add(Erasable.create(client, i));
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger erasedAcknowledged = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(WRITERS + UPDATERS + 1);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                load.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        String reference = "crash_" + writer + "_" + i;
                        try {
                            ApiClient.Response created = client.post("/v1/customers", Map.of("reference", reference, "first_name", "Durable",
                                    "billing", Map.of("address", Map.of("city", "Leeds", "country_code", "GB"))));
                            if (created.status() == 201 || created.status() == 202) {
                                acknowledged.put(created.body().get("customer_id").asText(), reference);
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            for (int u = 0; u < UPDATERS; u++) {
                int updaterIndex = u;
                load.submit(() -> {
                    // updates race the erasures: each picks a customer that may be being erased at that moment
                    String updater = letters(updaterIndex);
                for (int n = 0; running.get(); n++) {
                        Erasable customer = erasable.get(ThreadLocalRandom.current().nextInt(ERASABLE));
                        String firstName = customer.marker() + "u" + updater + "n" + letters(n);
                        customer.sentFirstNames().add(firstName);
                        try {
                            client.put("/v1/customers/" + customer.id(), Map.of("first_name", firstName));
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            load.submit(() -> {
                for (Erasable customer : erasable) {
                    customer.eraseSent().set(true);
                    try {
                        if (client.send("DELETE", "/v1/customers/" + customer.id(), null, Map.of()).status() == 200) {
                            customer.eraseAcknowledged().set(true);
                            erasedAcknowledged.incrementAndGet();
                        }
                        LockSupport.parkNanos(100_000_000); // spread the erasures over the load, so that the kill falls among them
                    } catch (RuntimeException connectionLost) {
                        return;
                    }
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 150 && erasedAcknowledged.get() >= ERASABLE / 3);
            service.destroyForcibly().waitFor();
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            service.destroyForcibly().waitFor();
        }

        Process restarted = start(dataDir, port, "second-run.log");
        try {
            ServiceProcesses.awaitHealthy(port);
            ApiClient client = ApiClient.company1(port);
            for (Map.Entry<String, String> write : acknowledged.entrySet()) {
                JsonNode customer = client.get("/v1/customers/" + write.getKey()).body();
                assertThat(customer.get("reference").asText()).isEqualTo(write.getValue());
                assertThat(customer.get("first_name").asText()).isEqualTo("Durable");
                assertThat(customer.at("/billing/address/country_code").asText()).isEqualTo("GB");
            }

            EventStore store = EventStore.of(dataDir);
            Map<String, String> feed = feedByCustomer(client);
            int erased = 0;
            for (Erasable customer : erasable) {
                if (client.get("/v1/customers/" + customer.id()).status() == 410) {
                    customer.assertErasedEverywhere(client, store, feed);
                    erased++;
                } else {
                    assertThat(customer.eraseAcknowledged()).as("an acknowledged erasure survives: %s", customer.id()).isFalse();
                    customer.assertWhole(client, store);
                }
            }
            assertThat(store.plaintextEvents(MARKER)).as("events holding a personal value in plain text").isZero();
            assertThat(erased).as("the kill fell among the erasures").isBetween(ERASABLE / 3, ERASABLE - 1);

            JsonNode all = client.get("/v1/customers?limit=1").body();
            assertThat(all.at("/meta/total").asInt() - (ERASABLE - erased)).as("acknowledged, plus at most one in flight per writer")
                    .isBetween(acknowledged.size(), acknowledged.size() + WRITERS);
            for (Erasable customer : erasable) {
                if (customer.erasedAfterRestart().get()) {
                    assertThat(client.post("/v1/customers", Map.of("reference", customer.reference())).status())
                            .as("an erased customer's reference is free").isEqualTo(201);
                }
            }
            System.out.printf("crash recovery: %d acknowledged writes before kill -9, all present after restart; %d of %d erasures done, "
                    + "the rest whole%n", acknowledged.size(), erased, ERASABLE);
        } finally {
            restarted.destroy();
            restarted.waitFor();
        }
    }

    /** A customer of the erasure load: what was sent for it, and what the service acknowledged. */
    record Erasable(String id, String marker, String reference, Set<String> sentFirstNames, AtomicBoolean eraseSent,
                    AtomicBoolean eraseAcknowledged, AtomicBoolean erasedAfterRestart) {

        static Erasable create(ApiClient client, int index) {
            String marker = MARKER + "x" + letters(index) + "x";
            String reference = marker + "ref";
            Set<String> firstNames = ConcurrentHashMap.newKeySet();
            firstNames.add(marker + "first");
            String id = client.create(Map.of("reference", reference, "first_name", marker + "first", "last_name", marker + "last",
                    "email", marker + "@example.com", "billing", Map.of("address", Map.of("line_1", marker + "line", "country_code", "GB"))));
            return new Erasable(id, marker, reference, firstNames, new AtomicBoolean(), new AtomicBoolean(), new AtomicBoolean());
        }

        void assertWhole(ApiClient client, EventStore store) throws SQLException {
            JsonNode customer = client.get("/v1/customers/" + id).body();
            assertThat(customer.get("first_name").asText()).as("one of the values sent").isIn(sentFirstNames);
            assertThat(customer.get("last_name").asText()).isEqualTo(marker + "last");
            assertThat(customer.get("email").asText()).isEqualTo(marker + "@example.com");
            assertThat(customer.get("reference").asText()).isEqualTo(reference);
            assertThat(customer.at("/billing/address/line_1").asText()).isEqualTo(marker + "line");
            List<JsonNode> history = history(client, id);
            for (JsonNode event : history) {
                assertThat(event.get("erased").asBoolean()).as(event.toString()).isFalse();
                assertThat(event.get("type").asText()).isNotEqualTo("customer.erased");
                assertThat(event.at("/changes/first_name/new").asText()).as(event.toString()).isIn(sentFirstNames);
            }
            assertThat(client.get("/v1/customers?reference=" + reference).body().at("/meta/total").asInt()).isOne();
            assertThat(store.erasedEvents(id)).as("a whole customer has no CustomerErased").isZero();
            assertThat(store.keyState(id)).as("a whole customer's key").isEqualTo("key");
        }

        void assertErasedEverywhere(ApiClient client, EventStore store, Map<String, String> feed) throws SQLException {
            erasedAfterRestart.set(true);
            assertThat(eraseSent()).as("erased without a DELETE: %s", id).isTrue();
            assertThat(store.erasedEvents(id)).as("one CustomerErased").isOne();
            assertThat(store.keyState(id)).as("an erased customer's key").isEqualTo("tombstone");
            List<JsonNode> history = history(client, id);
            assertThat(history.get(history.size() - 1).get("type").asText()).isEqualTo("customer.erased");
            for (JsonNode event : history) {
                assertThat(event.get("erased").asBoolean()).as(event.toString()).isTrue();
            }
            assertThat(history.toString()).doesNotContain(marker);
            assertThat(feed.getOrDefault(id, "")).contains("customer.erased").doesNotContain(marker);
            assertThat(client.get("/v1/customers?reference=" + reference).body().at("/meta/total").asInt())
                    .as("gone from the read model").isZero();
        }
    }

    /** The restarted service's embedded PostgreSQL, read directly: its port is in the data directory's postmaster.pid. */
    record EventStore(String url) {

        static EventStore of(Path dataDir) throws IOException {
            List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
            return new EventStore("jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres");
        }

        int erasedEvents(String customerId) throws SQLException {
            return count("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = '" + customerId
                    + "' AND payloadType = 'org.customerprofile.api.customer.CustomerErased'");
        }

        /** {@code key}, {@code tombstone} or {@code none}. */
        String keyState(String customerId) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, "postgres", ""); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT wrapped_key IS NULL, erased_at IS NULL FROM customer_data_key WHERE customer_id = '"
                         + customerId + "'")) {
                if (!row.next()) {
                    return "none";
                }
                return row.getBoolean(1) || !row.getBoolean(2) ? "tombstone" : "key";
            }
        }

        /** Events whose stored payload (or metadata) holds {@code marker} readable. */
        int plaintextEvents(String marker) throws SQLException {
            int found = 0;
            try (Connection connection = DriverManager.getConnection(url, "postgres", ""); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT payload, metaData FROM DomainEventEntry")) {
                while (rows.next()) {
                    String stored = new String(rows.getBytes(1), StandardCharsets.UTF_8) + new String(rows.getBytes(2), StandardCharsets.UTF_8);
                    if (stored.toLowerCase().contains(marker)) {
                        found++;
                    }
                }
            }
            return found;
        }

        private int count(String query) throws SQLException {
            try (Connection connection = DriverManager.getConnection(url, "postgres", ""); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(query)) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Every event of the customer's history, over every page. */
    private static List<JsonNode> history(ApiClient client, String id) {
        List<JsonNode> events = new ArrayList<>();
        client.pages("/v1/customers/" + id + "/events?limit=100").forEach(page -> page.get("data").forEach(events::add));
        return events;
    }

    /** The whole feed from the start, each customer's events as one text. */
    private static Map<String, String> feedByCustomer(ApiClient client) {
        Map<String, StringBuilder> events = new HashMap<>();
        String cursor = "0";
        for (boolean more = true; more; ) {
            ApiClient.Response page = client.get("/v1/events?after=" + cursor + "&limit=1000");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode data = page.body().get("data");
            data.forEach(event -> events.computeIfAbsent(event.get("customer_id").asText(), id -> new StringBuilder()).append(event));
            cursor = page.body().at("/meta/next").asText();
            more = !data.isEmpty();
        }
        Map<String, String> texts = new HashMap<>();
        events.forEach((id, text) -> texts.put(id, text.toString()));
        return texts;
    }

    /** {@code n} in base 26, as lowercase letters. */
    static String letters(int n) {
        StringBuilder letters = new StringBuilder();
        do {
            letters.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return letters.toString();
    }

    private static Process start(Path dataDir, int port, String log) throws IOException {
        Path jar = Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar"));
        String java = ServiceProcesses.java();
        return new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--server.port=" + port, "--customers.data-dir=" + dataDir,
                "--customers.security.apps[0].app-id=company1",
                "--customers.security.apps[0].app-key=key-of-company-one-0000000000000",
                "--customers.security.apps[0].company-id=" + ApiClient.COMPANY_1))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve(log).toFile()).start();
    }

}
