package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged service in the middle of a write load, then a restart on the same data
 * directory: every write that was acknowledged is there, whole, in the event store and (after
 * catch-up) in the read model; nothing half-applied is visible.
 */
class CrashRecoveryIT {

    static final int WRITERS = 6;

    @Test
    void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
        Path dataDir = Files.createTempDirectory("crash-it-data");
        int port = ServiceProcesses.freePort();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Process service = start(dataDir, port, "first-run.log");
        try {
            ServiceProcesses.awaitHealthy(port);
            ApiClient client = ApiClient.company1(port);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> {
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
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 150);
            service.destroyForcibly().waitFor();
            running.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
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
            JsonNode all = client.get("/v1/customers?limit=1").body();
            assertThat(all.at("/meta/total").asInt()).as("acknowledged, plus at most one in flight per writer")
                    .isBetween(acknowledged.size(), acknowledged.size() + WRITERS);
            System.out.printf("crash recovery: %d acknowledged writes before kill -9, all present after restart%n", acknowledged.size());
        } finally {
            restarted.destroy();
            restarted.waitFor();
        }
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
