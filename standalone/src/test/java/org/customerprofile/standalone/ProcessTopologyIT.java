package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production topology without Docker: the command side and two query sides as separate JVMs, run
 * from their own executable jars, on one embedded PostgreSQL and one MongoDB wire-protocol server.
 * Writes go to the command side, reads to the query sides; the query sides share the projection's
 * segments, and when one is killed the other takes its segments over with nothing missed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessTopologyIT {

    private static final String SECRET = "topology-test-secret-0123456789-abcdef";

    private final List<Process> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private MongoServer mongo;
    private JdbcTemplate jdbc;
    private Path logs;
    private int commandPort;
    private int queryPort1;
    private int queryPort2;
    private Process query1;

    @BeforeAll
    void startTopology() throws IOException {
        logs = Files.createTempDirectory("topology-it");
        postgres = EmbeddedPostgres.builder().setDataDirectory(logs.resolve("postgres")).setCleanDataDirectory(true).start();
        jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        mongo = new MongoServer(new MemoryBackend());
        int mongoPort = ServiceProcesses.freePort();
        mongo.bind("localhost", mongoPort);
        commandPort = ServiceProcesses.freePort();
        queryPort1 = ServiceProcesses.freePort();
        queryPort2 = ServiceProcesses.freePort();

        // as deployed: JSON logs (a profile each side's own configuration must find)
        start("command-side", commandPort, List.of("--spring.profiles.active=json-logs"));
        ServiceProcesses.awaitHealthy(commandPort);
        List<String> querySide = List.of("--spring.data.mongodb.uri=mongodb://localhost:" + mongoPort + "/customers",
                // the wire server lacks the 'hello' command of the MongoDB health indicator
                "--management.health.mongo.enabled=false",
                // the webhook endpoint of webhooksAreDeliveredOnceAcrossBothQuerySides listens on the loopback interface
                "--customers.webhooks.allow-private-targets=true", "--customers.webhooks.poll-interval=100ms");
        query1 = start("query-side", queryPort1, querySide);
        start("query-side", queryPort2, querySide);
        ServiceProcesses.awaitHealthy(queryPort1);
        ServiceProcesses.awaitHealthy(queryPort2);
    }

    @AfterAll
    void stopTopology() throws Exception {
        for (Process process : processes) {
            process.destroy();
            process.waitFor();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theJsonLogsProfileReachesAProcessOfItsOwn() throws IOException {
        List<String> started = Files.readAllLines(logs.resolve("command-side-" + commandPort + ".log")).stream()
                .filter(line -> line.contains("Started CommandSideApplication")).toList();

        assertThat(started).singleElement().satisfies(line ->
                assertThat(ApiClient.json(line).at("/log/logger").asText()).isEqualTo("org.customerprofile.command.CommandSideApplication"));
    }

    /** Before the test that kills a query side: both dispatch, and each delivery is made by one of them. */
    @Test
    @Order(1)
    void webhooksAreDeliveredOnceAcrossBothQuerySides() {
        ApiClient writer = ApiClient.anonymous(commandPort).login("company1", "key-of-company-one-0000000000000");
        ApiClient reader = ApiClient.anonymous(queryPort2).login("company1", "key-of-company-one-0000000000000");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ApiClient.Response registered = reader.post("/v1/webhooks", Map.of("url", receiver.url()));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String webhookId = registered.body().get("webhook_id").asText();
            assertThat(ApiClient.anonymous(queryPort1).login("company1", "key-of-company-one-0000000000000")
                    .get("/v1/webhooks/" + webhookId).status()).as("the other query side knows it").isEqualTo(200);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = writer.post("/v1/customers", Map.of("last_name", "Hooked")).body().get("customer_id").asText();
                ids.add(id);
                writer.put("/v1/customers/" + id, Map.of("first_name", "Twice"));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.succeeded().size() >= 40);
            // and no more for a while: a second sender of any of them would show by now
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 40);
            List<String> webhookIds = receiver.succeeded().stream().map(delivery -> delivery.header("webhook-id")).toList();
            assertThat(webhookIds).hasSize(40).doesNotHaveDuplicates();
            assertThat(receiver.succeeded()).extracting(delivery -> delivery.json().get("customer_id").asText()).containsAll(ids);
            reader.send("DELETE", "/v1/webhooks/" + webhookId, null, Map.of());
        }
    }

    @Test
    @Order(2)
    void writesAndErasuresOnTheCommandSideAreReadOnBothQuerySidesAndSurviveTheLossOfOne() throws Exception {
        ApiClient writer = ApiClient.anonymous(commandPort).login("company1", "key-of-company-one-0000000000000");
        ApiClient reader1 = ApiClient.anonymous(queryPort1).login("company1", "key-of-company-one-0000000000000");
        ApiClient reader2 = ApiClient.anonymous(queryPort2).login("company1", "key-of-company-one-0000000000000");
        ApiClient stranger = ApiClient.anonymous(queryPort2).login("company2", "key-of-company-two-0000000000000");

        // the two query sides hold the projection's segments between them
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(jdbc.queryForList("SELECT DISTINCT owner FROM TokenEntry WHERE processorName = 'customer-projection' "
                        + "AND owner IS NOT NULL", String.class)).hasSize(2));

        // read-your-writes across processes: a 201 means both query sides already show the customer
        Map<String, String> lastNames = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            ApiClient.Response created = writer.post("/v1/customers", Map.of("reference", "topology_" + UUID.randomUUID(), "last_name", "Before"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.header("Customers-Read-Model")).isEqualTo("applied");
            String id = created.body().get("customer_id").asText();
            assertThat(reader1.get("/v1/customers/" + id).status()).isEqualTo(200);
            assertThat(reader2.get("/v1/customers/" + id).status()).isEqualTo(200);
            assertThat(stranger.get("/v1/customers/" + id).status()).isEqualTo(404);
            lastNames.put(id, "Before");
        }

        // kill one query side while writes go on: the other takes over its segments
        AtomicInteger pending = new AtomicInteger();
        List<String> ids = List.copyOf(lastNames.keySet());
        query1.destroyForcibly().waitFor();
        for (int round = 0; round < 3; round++) {
            for (String id : ids) {
                String name = "After" + "abc".charAt(round);
                ApiClient.Response updated = writer.put("/v1/customers/" + id, Map.of("last_name", name));
                assertThat(updated.status()).as(updated.toString()).isIn(200, 202);
                if (updated.status() == 202) {
                    pending.incrementAndGet();
                }
                lastNames.put(id, name);
            }
            ApiClient.Response created = writer.post("/v1/customers", Map.of("reference", "topology_" + UUID.randomUUID(), "last_name", "Late"));
            assertThat(created.status()).isIn(201, 202);
            lastNames.put(created.body().get("customer_id").asText(), "Late");
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Map.Entry<String, String> customer : lastNames.entrySet()) {
                ApiClient.Response shown = reader2.get("/v1/customers/" + customer.getKey());
                assertThat(shown.status()).isEqualTo(200);
                assertThat(shown.body().get("last_name").asText()).isEqualTo(customer.getValue());
            }
        });
        assertThat(jdbc.queryForList("SELECT DISTINCT owner FROM TokenEntry WHERE processorName = 'customer-projection' "
                + "AND owner IS NOT NULL", String.class)).hasSize(1);
        String reference = "topology_" + UUID.randomUUID();
        ApiClient.Response written = writer.post("/v1/customers", Map.of("reference", reference));
        assertThat(written.status()).isEqualTo(201);
        assertThat(ErasureTest.wholeFeed(reader2)).as("served by a query side, so kept by its feed").contains(reference);

        // an erasure through the separate processes: the command side destroys the key, every query side forgets it
        String erasedId = written.body().get("customer_id").asText();
        ApiClient.Response erased = writer.send("DELETE", "/v1/customers/" + erasedId, null, Map.of());
        assertThat(erased.status()).as(erased.toString()).isIn(200, 202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(reader2.get("/v1/customers/" + erasedId).status()).isEqualTo(410));
        assertThat(ErasureTest.wholeFeed(reader2)).as("the query side's feed forgot what it kept").doesNotContain(reference);
        assertThat(stranger.get("/v1/customers/" + erasedId).status()).isEqualTo(404);
        JsonNode history = reader2.get("/v1/customers/" + erasedId + "/events").body().get("data");
        assertThat(history.get(0).get("erased").asBoolean()).as("the creation's reference is unreadable").isTrue();
        assertThat(history.get(history.size() - 1).get("type").asText()).isEqualTo("customer.erased");
        System.out.printf("topology: %d of %d writes answered 202 while the killed query side's segments were taken over%n",
                pending.get(), 3 * ids.size());
    }

    private Process start(String side, int port, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServiceProcesses.java(), "@" + DockerComposeTest.repositoryRoot().resolve("jvm.options"),
                "-jar", jar(side).toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--customers.security.token-secret=" + SECRET,
                // every process of a deployment shares the master key
                "--customers.encryption.master-key=dG9wb2xvZ3ktdGVzdC1tYXN0ZXIta2V5LTAxMjM0NTY=",
                "--customers.security.apps[0].app-id=company1",
                "--customers.security.apps[0].app-key=key-of-company-one-0000000000000",
                "--customers.security.apps[0].company-id=" + ApiClient.COMPANY_1,
                "--customers.security.apps[1].app-id=company2",
                "--customers.security.apps[1].app-key=key-of-company-two-0000000000000",
                "--customers.security.apps[1].company-id=" + ApiClient.COMPANY_2));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(side + "-" + port + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** The side's executable jar, built by its module before this one runs. */
    private static Path jar(String side) throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("..", side, "target"), side + "-*-exec.jar")) {
            return jars.iterator().next();
        }
    }

}
