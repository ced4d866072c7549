package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.reference.ReferenceClaimed;
import org.customerprofile.api.reference.ReferenceReleased;
import org.customerprofile.command.reference.ReferenceSaga;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A store written by the release before personal values were encrypted — plain values in the customer
 * events, reference claims named, keyed and tracked by the plain normalised reference — is upgraded once by
 * {@code V8__Encrypt_personal_values} when this release starts on it, and then serves, keeps references
 * unique and erases as a store written by this release does.
 */
class StoreUpgradeTest {

    private static final String CAPTURED_ID = "6646caaf-b9c1-4642-a1f2-c0976a5d8d3f";
    private static final String COMPANY = ApiClient.COMPANY_1.toString();
    /** Plain personal values of the captured events, as they would show in a dump. */
    private static final List<String> PLAIN_VALUES = List.of("apture-1", "apture-2", "zoe@example.com", "High Street", "2039826580", "O'Brien");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void aStoreOfThePreviousReleaseIsEncryptedAtStartAndErasesAsANewOne() throws Exception {
        String id = UUID.randomUUID().toString();
        try (EmbeddedPostgres previous = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(dataDir.resolve("postgres")))
                .setCleanDataDirectory(false)
                .start()) {
            Flyway.configure().dataSource(previous.getPostgresDatabase()).locations("classpath:db/migration").target("6").load().migrate();
            writeAsThePreviousRelease(new JdbcTemplate(previous.getPostgresDatabase()), id);
            PostgresDump before = PostgresDump.of(previous);
            assertThat(PLAIN_VALUES).as("the dump finds plain values where the previous release left them").allMatch(before::holds);
        }

        try (ConfigurableApplicationContext upgraded = start()) {
            ApiClient company1 = ApiClient.company1(port(upgraded));
            EmbeddedPostgres postgres = upgraded.getBean(EmbeddedPostgres.class);
            PostgresDump encrypted = PostgresDump.of(postgres);
            assertThat(PLAIN_VALUES).as("encrypted or hashed by the upgrade").noneMatch(encrypted::holds);
            assertThat(new JdbcTemplate(postgres.getPostgresDatabase()).queryForList(
                    "SELECT convert_from(payload, 'UTF8') FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", String.class, id))
                    .as("each event's personal values in one ciphertext, the form events are written in").hasSize(3)
                    .allSatisfy(payload -> assertThat(ApiClient.json(payload).at("/personal/enc").isTextual()).as(payload).isTrue())
                    .allSatisfy(payload -> assertThat(payload).as("no value encrypted on its own").doesNotContain("{\"enc\""));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(company1.get("/v1/customers/" + id).body().path("ip").asText()).as("projected").isEqualTo("10.0.0.1"));
            JsonNode customer = company1.get("/v1/customers/" + id).body();
            assertThat(withoutIdsAndTimes(customer)).isEqualTo(withoutIdsAndTimes(ApiClient.json(resource("customer.json"))));
            assertThat(company1.get("/v1/customers/" + id + "/events").body().at("/data/1/changes/reference/old").asText()).isEqualTo("Capture-1");

            ApiClient.Response taken = company1.post("/v1/customers", Map.of("reference", "CAPTURE-2"));
            assertThat(taken.status()).as("the reference is still the customer's: " + taken).isEqualTo(409);
            assertThat(taken.body().toString()).contains(id);
            assertThat(company1.post("/v1/customers", Map.of("reference", "capture-1")).status())
                    .as("released by the previous release, and free under its hash").isEqualTo(201);

            ApiClient.Response erased = company1.send("DELETE", "/v1/customers/" + id, null, Map.of());

            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            assertThat(company1.get("/v1/customers/" + id).status()).isEqualTo(410);
            JsonNode history = company1.get("/v1/customers/" + id + "/events").body().get("data");
            assertThat(history).hasSize(4);
            assertThat(history.get(0).get("erased").asBoolean()).isTrue();
            assertThat(history.get(3).get("type").asText()).isEqualTo("customer.erased");
            assertThat(history.toString()).doesNotContain("Zoë", "zoe@example.com", "apture", "High Street");
            assertThat(company1.get("/v1/events?limit=1000").body().toString()).contains(id).doesNotContain("zoe@example.com", "High Street");
            PostgresDump after = PostgresDump.of(postgres);
            assertThat(PLAIN_VALUES).noneMatch(after::holds);
            assertThat(company1.post("/v1/customers", Map.of("reference", "Capture-2")).status())
                    .as("the erased customer's reference is free").isEqualTo(201);
        }
    }

    @Test
    void theUpgradeRunsOnceAndAFreshStoreNeedsNone() {
        try (ConfigurableApplicationContext first = start()) {
            ApiClient.company1(port(first)).create(Map.of("reference", "fresh-1", "first_name", "Ada"));
        }
        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = new JdbcTemplate(second.getBean(javax.sql.DataSource.class));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE version = '8' AND success", Integer.class))
                    .isEqualTo(1);
            ApiClient company1 = ApiClient.company1(port(second));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(company1.get("/v1/customers?reference=fresh-1").body().at("/data/0/first_name").asText()).isEqualTo("Ada"));
        }
    }

    /**
     * The rows the previous release wrote for the captured customer: its three events in plain text, the claims
     * of {@code Capture-1} (taken, then released when the reference changed) and {@code capture-2} under ids of
     * the normalised reference, and the running saga of the second claim with its associations.
     */
    private static void writeAsThePreviousRelease(JdbcTemplate jdbc, String id) {
        String claim1 = "reference/" + COMPANY + "/capture-1";
        String claim2 = "reference/" + COMPANY + "/capture-2";
        insert(jdbc, claim1, 0, "ReferenceClaim", ReferenceClaimed.class.getName(), null,
                claimed(claim1, "Capture-1", id));
        insert(jdbc, id, 0, "Customer", CustomerCreated.class.getName(), "1", resource("customer-created.json").replace(CAPTURED_ID, id));
        insert(jdbc, claim2, 0, "ReferenceClaim", ReferenceClaimed.class.getName(), null, claimed(claim2, "capture-2", id));
        insert(jdbc, id, 1, "Customer", CustomerUpdated.class.getName(), null, resource("customer-updated-1.json").replace(CAPTURED_ID, id));
        insert(jdbc, claim1, 1, "ReferenceClaim", ReferenceReleased.class.getName(), null,
                "{\"claimId\":\"%s\",\"companyId\":\"%s\",\"reference\":\"Capture-1\",\"customerId\":\"%s\"}".formatted(claim1, COMPANY, id));
        insert(jdbc, id, 2, "Customer", CustomerUpdated.class.getName(), null, resource("customer-updated-2.json").replace(CAPTURED_ID, id));

        String sagaId = UUID.randomUUID().toString();
        String sagaType = ReferenceSaga.class.getName();
        jdbc.update("INSERT INTO SagaEntry (sagaId, revision, sagaType, serializedSaga) VALUES (?, NULL, ?, ?)", sagaId, sagaType,
                "{\"claimId\":\"%s\",\"reference\":\"capture-2\",\"holder\":\"%s\"}".formatted(claim2, id).getBytes(StandardCharsets.UTF_8));
        jdbc.update("INSERT INTO AssociationValueEntry (associationKey, associationValue, sagaType, sagaId) VALUES ('claimId', ?, ?, ?)",
                claim2, sagaType, sagaId);
        jdbc.update("INSERT INTO AssociationValueEntry (associationKey, associationValue, sagaType, sagaId) VALUES ('customerId', ?, ?, ?)",
                id, sagaType, sagaId);
        // the saga had seen every event: it starts where it stopped, as after any restart
        long head = jdbc.queryForObject("SELECT max(globalIndex) FROM DomainEventEntry", Long.class);
        jdbc.update("INSERT INTO TokenEntry (processorName, segment, token, tokenType, timestamp) VALUES (?, 0, ?, ?, ?)",
                ReferenceSaga.PROCESSING_GROUP, "{\"globalIndex\":%d}".formatted(head).getBytes(StandardCharsets.UTF_8),
                "org.axonframework.eventhandling.GlobalSequenceTrackingToken", DateTimeUtils.formatInstant(Instant.now()));
    }

    private static String claimed(String claimId, String reference, String holder) {
        return "{\"claimId\":\"%s\",\"companyId\":\"%s\",\"reference\":\"%s\",\"customerId\":\"%s\",\"previousHolder\":null}"
                .formatted(claimId, COMPANY, reference, holder);
    }

    private static void insert(JdbcTemplate jdbc, String aggregate, long sequence, String aggregateType, String type, String revision,
                               String payload) {
        jdbc.update("""
                        INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                                                      payload, payloadRevision, payloadType, timeStamp)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                aggregate, sequence, aggregateType, UUID.randomUUID().toString(),
                "{\"companyId\":\"%s\",\"appId\":\"company1\"}".formatted(COMPANY).getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), revision, type, DateTimeUtils.formatInstant(Instant.now()));
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static JsonNode withoutIdsAndTimes(JsonNode customer) {
        ObjectNode copy = customer.deepCopy();
        copy.remove(List.of("customer_id", "created", "last_updated"));
        return copy;
    }

    private static String resource(String name) {
        try (InputStream in = StoreUpgradeTest.class.getResourceAsStream("/stored-events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
