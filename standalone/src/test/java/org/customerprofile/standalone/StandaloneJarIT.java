package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar as a newcomer runs it ({@code java -jar … --server.port --customers.data-dir}),
 * exercised as a black box over HTTP: auth, create, retrieve, filter, update, list, validation,
 * not-found, tenant isolation and read-your-writes; then stopped as a container stops it (SIGTERM). Prints
 * start-up time and resident memory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneJarIT {

    private Process service;
    private int port;
    private Path log;

    @BeforeAll
    void startJar() throws IOException {
        Path jar = Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar"));
        Path dataDir = Files.createTempDirectory("jar-it-data");
        log = dataDir.resolve("service.log");
        port = ServiceProcesses.freePort();
        String java = ServiceProcesses.java();
        long started = System.nanoTime();
        // launched as the README says: the extracted jar with the class data archive the build made, the repository's JVM options
        Path extracted = jar.resolveSibling("app");
        assertThat(extracted.resolve("application.jsa")).as("the build's class data archive").isRegularFile();
        service = new ProcessBuilder(List.of(java, "@" + DockerComposeTest.repositoryRoot().resolve("jvm.options"),
                "-XX:SharedArchiveFile=" + extracted.resolve("application.jsa"), "-jar", extracted.resolve(jar.getFileName()).toString(),
                "--server.port=" + port,
                "--customers.data-dir=" + dataDir,
                "--customers.security.apps[0].app-id=demo0001",
                "--customers.security.apps[0].app-key=demo-key-0000-0000-0000-00000000",
                "--customers.security.apps[0].company-id=7d4c2a10-5b1e-4f3a-9c2d-0a1b2c3d4e5f",
                "--customers.security.apps[1].app-id=company2",
                "--customers.security.apps[1].app-key=key-of-company-two-0000000000000",
                "--customers.security.apps[1].company-id=" + ApiClient.COMPANY_2))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
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
    @Order(1)
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

    /**
     * SIGTERM while creates run and a client holds the event stream open: the stream ends, the processors
     * stop before the data source and PostgreSQL, and the process exits quickly without an error logged.
     */
    @Test
    @Order(2)
    void stopsGracefullyOnSigtermWithinFiveSeconds() throws Exception {
        String token = ApiClient.anonymous(port).post("/v1/login", Map.of("app_id", "demo0001", "app_key", "demo-key-0000-0000-0000-00000000"))
                .body().get("access_token").asText();
        ApiClient demo = ApiClient.anonymous(port).withToken(token);
        for (int i = 0; i < 10; i++) {
            demo.create(Map.of("reference", "before_stop_" + i));
        }
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events/stream?after=0"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        String first = events.readLine();
        while (first != null && (first.startsWith(":") || first.isEmpty())) {
            first = events.readLine(); // the opening comment and heartbeats
        }
        assertThat(first).as("the stream is live").startsWith("id:");
        CompletableFuture<Void> streamEnds = CompletableFuture.runAsync(() -> {
            try {
                while (events.readLine() != null) {
                    // events up to the stop, then the end of the response
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.submit(() -> {
                for (int i = 0; ; i++) {
                    // until the service stops listening (the client then fails to connect)
                    answers.add(demo.post("/v1/customers", Map.of("reference", "during_stop_" + writer + "_" + i)).status());
                }
            });
        }
        // the stop comes while creates are in flight, not before the load has begun
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.size() >= 8);

        long stopping = System.nanoTime();
        service.destroy();
        boolean exited = service.waitFor(5, TimeUnit.SECONDS);
        Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
        writers.shutdownNow();
        System.out.printf("standalone jar: stopped %.1f s after SIGTERM, %d creates answered during the load%n", stop.toNanos() / 1e9, answers.size());

        assertThat(exited).as("exited within 5 s of SIGTERM").isTrue();
        assertThat(service.exitValue()).isIn(0, 143);
        streamEnds.get(5, TimeUnit.SECONDS);
        assertThat(answers).as("creates answered while stopping").isNotEmpty().allMatch(status -> status == 201 || status == 503);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the service's log").noneMatch(line -> line.contains(" ERROR "))
                .noneMatch(line -> line.contains("Could not open JDBC Connection"));
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
