package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default as a user runs it: durable PostgreSQL under the data directory, the read model
 * rebuilt from the event store at start-up. Data written before a restart is there after it.
 */
class RestartTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void dataSurvivesARestartOnTheSameDataDirectory() {
        String id;
        String before;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(new JdbcTemplate(first.getBean(javax.sql.DataSource.class)).queryForObject("SHOW fsync", String.class))
                    .as("the only durable copy is written durably").isEqualTo("on");
            assertThat(new JdbcTemplate(first.getBean(javax.sql.DataSource.class)).queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("on");
            ApiClient client = ApiClient.company1(port(first));
            id = client.create(Map.of("reference", "survivor", "first_name", "Ada"));
            assertThat(client.put("/v1/customers/" + id, Map.of("last_name", "Lovelace")).status()).isEqualTo(200);
            before = client.get("/v1/customers/" + id).body().toString();
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient client = ApiClient.company1(port(second));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ApiClient.anonymous(port(second)).get("/actuator/health").body().get("status").asText()).isEqualTo("UP"));

            assertThat(client.get("/v1/customers/" + id).body().toString()).isEqualTo(before);
            assertThat(client.get("/v1/customers?reference=survivor").body().at("/meta/total").asInt()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir, "--customers.postgres.durable=true");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
