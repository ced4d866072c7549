package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged service while it plans and sends webhook deliveries under a write load, then a
 * restart on the same data directory: every acknowledged write reaches the endpoint (at least once: a
 * delivery in flight at the kill may arrive twice), each customer's events in order.
 */
class WebhookCrashIT {

    static final int WRITERS = 3;

    @Test
    void everyAcknowledgedWriteIsDeliveredAfterKillMinus9() throws Exception {
        Path dataDir = Files.createTempDirectory("webhook-crash-it-data");
        int port = ServiceProcesses.freePort();
        // acknowledged writes: customer id → how many of its events were acknowledged
        Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // a little slow, so that deliveries are in flight when the service dies
            receiver.delay(Duration.ofMillis(20));
            Process service = start(dataDir, port, "first-run.log");
            try {
                ServiceProcesses.awaitHealthy(port);
                ApiClient client = ApiClient.company1(port);
                ApiClient.Response registered = client.post("/v1/webhooks", Map.of("url", receiver.url()));
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService load = Executors.newFixedThreadPool(WRITERS);
                for (int w = 0; w < WRITERS; w++) {
                    load.submit(() -> {
                        while (running.get()) {
                            try {
                                ApiClient.Response created = client.post("/v1/customers", Map.of("first_name", "Durable"));
                                if (created.status() != 201 && created.status() != 202) {
                                    continue;
                                }
                                String id = created.body().get("customer_id").asText();
                                acknowledged.put(id, 1);
                                int status = client.put("/v1/customers/" + id, Map.of("last_name", "Hook")).status();
                                if (status == 200 || status == 202) {
                                    acknowledged.put(id, 2);
                                }
                            } catch (RuntimeException connectionLost) {
                                return;
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= 150 && receiver.succeeded().size() >= 50);
                service.destroyForcibly().waitFor();
                running.set(false);
                load.shutdown();
                assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                service.destroyForcibly().waitFor();
            }
            int beforeRestart = receiver.succeeded().size();

            Process restarted = start(dataDir, port, "second-run.log");
            try {
                ServiceProcesses.awaitHealthy(port);
                // deliveries leased by the killed process wait for their lease to run out (2 × timeout + 10 s)
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(missing(receiver.succeeded(), acknowledged)).isEmpty());
                assertInOrder(receiver.succeeded());
                assertThat(receiver.succeeded().size()).as("some were delivered after the restart").isGreaterThan(beforeRestart);
            } finally {
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }

    /** Acknowledged events (customer id and sequence) the endpoint has not received. */
    private static List<String> missing(List<WebhookReceiver.Received> received, Map<String, Integer> acknowledged) {
        Set<String> arrived = new HashSet<>();
        for (WebhookReceiver.Received delivery : received) {
            JsonNode event = delivery.json();
            arrived.add(event.get("customer_id").asText() + "/" + event.get("sequence").asInt());
        }
        List<String> missing = new ArrayList<>();
        acknowledged.forEach((id, events) -> {
            for (int sequence = 1; sequence <= events; sequence++) {
                if (!arrived.contains(id + "/" + sequence)) {
                    missing.add(id + "/" + sequence);
                }
            }
        });
        return missing;
    }

    /** Each customer's events first arrived in sequence order; repeats of earlier ones are allowed. */
    private static void assertInOrder(List<WebhookReceiver.Received> received) {
        Map<String, List<Integer>> sequences = new LinkedHashMap<>();
        for (WebhookReceiver.Received delivery : received) {
            JsonNode event = delivery.json();
            sequences.computeIfAbsent(event.get("customer_id").asText(), id -> new ArrayList<>()).add(event.get("sequence").asInt());
        }
        sequences.forEach((id, seen) -> assertThat(seen.stream().distinct().toList()).as(id).isSorted());
    }

    private static Process start(Path dataDir, int port, String log) throws IOException {
        Path jar = Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar"));
        return new ProcessBuilder(List.of(ServiceProcesses.java(), "-jar", jar.toString(), "--server.port=" + port,
                "--customers.data-dir=" + dataDir,
                "--customers.security.apps[0].app-id=company1",
                "--customers.security.apps[0].app-key=key-of-company-one-0000000000000",
                "--customers.security.apps[0].company-id=" + ApiClient.COMPANY_1,
                // the endpoint listens on the loopback interface
                "--customers.webhooks.allow-private-targets=true",
                "--customers.webhooks.poll-interval=100ms",
                "--customers.webhooks.retry.initial-interval=200ms",
                "--customers.webhooks.retry.max-interval=1s"))
                .redirectErrorStream(true).redirectOutput(dataDir.resolve(log).toFile()).start();
    }
}
