package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default as a user runs it: durable PostgreSQL under the data directory, the read model
 * filled from the event store at start-up. Data written before a restart is there after it, and the
 * projection carries on from where the fill got to instead of replaying the store.
 */
@ExtendWith(OutputCaptureExtension.class)
class RestartTest {

    private static final UUID COMPANY_1 = UUID.fromString("11111111-1111-4111-8111-111111111111");

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory(CapturedOutput output) {
        List<String> reads = new ArrayList<>();
        String erased;
        Map<String, String> before;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(new JdbcTemplate(first.getBean(javax.sql.DataSource.class)).queryForObject("SHOW fsync", String.class))
                    .as("the only durable copy is written durably").isEqualTo("on");
            assertThat(new JdbcTemplate(first.getBean(javax.sql.DataSource.class)).queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("on");
            ApiClient client = ApiClient.company1(port(first));
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(client.create(Map.of("reference", "survivor_" + i, "first_name", "Ada", "email", "ada" + i + "@example.com",
                        "billing", Map.of("address", Map.of("postcode", "LS" + i)))));
            }
            assertThat(client.put("/v1/customers/" + ids.get(0), Map.of("last_name", "Lovelace")).status()).isEqualTo(200);
            assertThat(client.put("/v1/customers/" + ids.get(1), Map.of("reference", "survivor_moved", "email", "moved@example.com"))
                    .status()).isEqualTo(200);
            erased = ids.get(2);
            assertThat(client.send("DELETE", "/v1/customers/" + erased, null, Map.of()).status()).isEqualTo(200);

            ids.forEach(id -> reads.add("/v1/customers/" + id));
            reads.addAll(List.of("/v1/customers", "/v1/customers?reference=survivor_moved", "/v1/customers?reference=survivor_3",
                    "/v1/customers?email=moved@example.com", "/v1/customers?last_name=lovelace", "/v1/customers?postcode=ls3"));
            before = read(client, reads);
            assertThat(before.get("/v1/customers")).contains("\"total\":3");
            assertThat(before.get("/v1/customers/" + erased)).startsWith("410");
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient client = ApiClient.company1(port(second));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ApiClient.anonymous(port(second)).get("/actuator/health").body().get("status").asText()).isEqualTo("UP"));
            assertThat(eventsTheProjectionHandled(second)).as("the projection carries on from the fill's position: it replayed nothing")
                    .isZero();
            assertThat(output.getAll()).contains("customer read model filled at start: 7 events");

            assertThat(read(client, reads)).isEqualTo(before);

            String created = client.create(Map.of("reference", "after_restart", "first_name", "Grace"));
            assertThat(client.get("/v1/customers/" + created).body().get("first_name").asText()).isEqualTo("Grace");
            assertThat(client.get("/v1/customers?reference=after_restart").body().at("/meta/total").asInt()).isEqualTo(1);
            assertThat(eventsTheProjectionHandled(second)).as("the create's events, handled by the live projection").isPositive();
        }
    }

    @Test
    void anEventTheFillCannotApplyIsLeftToTheProjectionWhichParksIt(CapturedOutput output) {
        List<String> ids = new ArrayList<>();
        try (ConfigurableApplicationContext first = start("--customers.rebuild.batch-size=2")) {
            ApiClient client = ApiClient.company1(port(first));
            ids.add(client.create(Map.of("reference", "before_orphan_0", "first_name", "Ada")));
            ids.add(client.create(Map.of("reference", "before_orphan_1", "first_name", "Alan")));
            // an update of a customer the read model never saw: the projection parks it
            UUID orphan = UUID.randomUUID();
            first.getBean(EventStorageEngine.class).appendEvents(new GenericDomainEventMessage<>("Customer", orphan.toString(), 0,
                    new CustomerUpdated(orphan, COMPANY_1, Map.of(CustomerField.LAST_NAME, new FieldChange(null, "Nobody"))),
                    MetaData.with("companyId", COMPANY_1.toString())));
            ids.add(client.create(Map.of("reference", "after_orphan", "first_name", "Grace")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(operator(first).get("/v1/operations/dead-letters").body().get("total").asLong()).isEqualTo(1));
        }

        try (ConfigurableApplicationContext second = start("--customers.rebuild.batch-size=2")) {
            assertThat(output.getAll()).contains("customer read model fill stopped at an event it could not apply (java.lang.IllegalStateException)");
            ApiClient client = ApiClient.company1(port(second));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(operator(second).get("/v1/operations/dead-letters").body().get("total").asLong()).isEqualTo(1);
                assertThat(client.get("/v1/customers?reference=after_orphan").body().at("/meta/total").asInt()).isEqualTo(1);
            });
            for (String id : ids) {
                assertThat(client.get("/v1/customers/" + id).status()).isEqualTo(200);
            }
            assertThat(client.get("/v1/customers").body().at("/meta/total").asInt()).isEqualTo(3);
        }
    }

    /** Status and body of each read, by path. */
    private static Map<String, String> read(ApiClient client, List<String> paths) {
        Map<String, String> responses = new LinkedHashMap<>();
        for (String path : paths) {
            ApiClient.Response response = client.get(path);
            responses.put(path, response.status() + " " + response.body());
        }
        return responses;
    }

    /** Events the customer projection's processor was handed since this context started. */
    private static double eventsTheProjectionHandled(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).find("eventProcessor.ingestedCounter").tag("processorName", "customer-projection")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    private ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--customers.data-dir=" + dataDir, "--customers.postgres.durable=true"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(StandaloneApplication.class).profiles("test").run(all.toArray(String[]::new));
    }

    private static ApiClient operator(ConfigurableApplicationContext context) {
        return ApiClient.anonymous(port(context)).login("operator", "key-of-the-operator-app-00000000");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
