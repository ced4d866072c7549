package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged jar as a newcomer runs it ({@code java -jar … --server.port --customers.data-dir}),
 * exercised as a black box over HTTP: auth, create, retrieve, filter, update, list, validation,
 * not-found, tenant isolation and read-your-writes. Prints start-up time and resident memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneJarIT {

    private Process service;
    private int port;

    @BeforeAll
    void startJar() throws IOException {
        Path jar = Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar"));
        Path dataDir = Files.createTempDirectory("jar-it-data");
        port = ServiceProcesses.freePort();
        String java = ServiceProcesses.java();
        long started = System.nanoTime();
        service = new ProcessBuilder(List.of(java, "-jar", jar.toString(),
                "--server.port=" + port,
                "--customers.data-dir=" + dataDir,
                "--customers.security.apps[0].app-id=demo0001",
                "--customers.security.apps[0].app-key=demo-key-0000-0000-0000-00000000",
                "--customers.security.apps[0].company-id=7d4c2a10-5b1e-4f3a-9c2d-0a1b2c3d4e5f",
                "--customers.security.apps[1].app-id=company2",
                "--customers.security.apps[1].app-key=key-of-company-two-0000000000000",
                "--customers.security.apps[1].company-id=" + ApiClient.COMPANY_2))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service.log").toFile())
                .start();
        ServiceProcesses.awaitHealthy(port);
        System.out.printf("standalone jar: healthy %.1f s after launch, RSS at idle %s%n",
                (System.nanoTime() - started) / 1e9, residentMemory(service.pid()));
    }

    @AfterAll
    void stopJar() throws InterruptedException {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void servesTheContractAsABlackBox() {
        assertThat(ApiClient.anonymous(port).get("/v1/customers").status()).isEqualTo(401);
        assertThat(ApiClient.anonymous(port).post("/v1/login", Map.of("app_id", "demo0001", "app_key", "wrong-key-000000000000000000000")).status())
                .isEqualTo(401);
        ApiClient demo = ApiClient.anonymous(port).login("demo0001", "demo-key-0000-0000-0000-00000000");
        ApiClient other = ApiClient.anonymous(port).login("company2", "key-of-company-two-0000000000000");

        ApiClient.Response created = demo.post("/v1/customers/", CustomerLifecycleTest.seedCustomer());
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("customer_id").asText();
        assertThat(demo.get("/v1/customers/" + id).body().at("/billing/address/country_code").asText()).isEqualTo("GB");
        assertThat(demo.get("/v1/customers/" + id + "?filter=billing.address.city").body())
                .isEqualTo(ApiClient.json("{\"billing\": {\"address\": {\"city\": \"London\"}}}"));

        assertThat(demo.put("/v1/customers/" + id, Map.of("first_name", "Jane")).status()).isEqualTo(200);
        JsonNode updated = demo.get("/v1/customers/" + id).body();
        assertThat(updated.get("first_name").asText()).isEqualTo("Jane");
        assertThat(updated.get("last_name").asText()).isEqualTo("Smith");

        JsonNode page = demo.get("/v1/customers?filter=customer_id&limit=1").body();
        assertThat(page.at("/meta/total").asInt()).isEqualTo(1);
        assertThat(page.at("/data/0")).isEqualTo(ApiClient.json("{\"customer_id\": \"" + id + "\"}"));

        ApiClient.Response invalid = demo.post("/v1/customers", Map.of("dob", "1990-13-01", "billing", Map.of("email", "nope")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("invalid_parameters")).hasSize(2);

        assertThat(other.get("/v1/customers/" + id).status()).isEqualTo(404);
        assertThat(other.put("/v1/customers/" + id, Map.of("first_name", "Eve")).status()).isEqualTo(404);
        assertThat(other.get("/v1/customers").body().at("/meta/total").asInt()).isZero();
    }

    private static String residentMemory(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).findFirst().map(line -> line.substring(6).strip()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
