package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The embedded run's read model is volatile: a restart rebuilds it from the event store. Letters of the
 * earlier run are cleared before that replay starts, because the replay handles their events again; the
 * parked update is then applied by the replay itself, and nothing is lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterRestartTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void aRestartReplaysTheEventsOfEarlierLettersInsteadOfKeepingTheLetters(CapturedOutput output) {
        String id;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient company1 = ApiClient.company1(port(first));
            id = company1.create(Map.of("reference", "parked_before_restart", "first_name", "Ada"));
            ReadModelDamage.damage(first.getBean(MongoTemplate.class), id);
            assertThat(company1.put("/v1/customers/" + id, Map.of("billing", Map.of("address", Map.of("city", "Paris")))).status())
                    .isEqualTo(202);
            assertThat(operator(first).get("/v1/operations/dead-letters").body().get("total").asLong()).isEqualTo(1);
        }

        try (ConfigurableApplicationContext second = start()) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(ApiClient.anonymous(port(second)).get("/actuator/health").body().get("status").asText()).isEqualTo("UP"));

            assertThat(operator(second).get("/v1/operations/dead-letters").body().get("total").asLong()).isZero();
            JsonNode customer = ApiClient.company1(port(second)).get("/v1/customers/" + id).body();
            assertThat(customer.at("/billing/address/city").asText()).as("applied by the replay").isEqualTo("Paris");
            assertThat(customer.get("first_name").asText()).isEqualTo("Ada");
            assertThat(output.getAll()).contains("cleared 1 dead letter(s) of processing group customer-projection left by an earlier run");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir);
    }

    private static ApiClient operator(ConfigurableApplicationContext context) {
        return ApiClient.anonymous(port(context)).login("operator", "key-of-the-operator-app-00000000");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
