package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.customerprofile.standalone.EmbeddedReadModelHeap.Budget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The start-up warning that the embedded read model will not fit the heap, from the customers the event store holds. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedReadModelHeapTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void aDefaultHeapHoldsAboutFortyThousandCustomersAndAHundredThousandAskForMore() {
        assertThat(new Budget(0, 512 * MB).fits()).isTrue();
        assertThat(new Budget(39_000, 512 * MB).fits()).isTrue();
        assertThat(new Budget(41_000, 512 * MB).fits()).isFalse();
        // 80 MB + 100,000 × 11 KB = 1,154 MB: the next step of 256 MB
        assertThat(new Budget(100_000, 512 * MB).suggestedMegabytes()).isEqualTo(1280);
        assertThat(new Budget(100_000, 1280 * MB).fits()).isTrue();
        assertThat(new Budget(100_000, 512 * MB).neededMegabytes()).isEqualTo(1074);
    }

    @Test
    void warnsWithTheStoresCustomerCountWhenTheHeapIsTooSmallAndSaysNothingOtherwise(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class).profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir)) {
            ApiClient company1 = ApiClient.company1(((WebServerApplicationContext) app).getWebServer().getPort());
            for (int i = 0; i < 3; i++) {
                assertThat(company1.post("/v1/customers", Map.of("reference", "heap_" + i)).status()).isEqualTo(201);
            }
            assertThat(output.toString()).as("an empty store at start fits any heap").doesNotContain("embedded read model will hold");
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

            new EmbeddedReadModelHeap(jdbc, () -> 1024 * MB).afterPropertiesSet();
            assertThat(output.toString()).doesNotContain("embedded read model will hold");

            new EmbeddedReadModelHeap(jdbc, () -> 80 * MB).afterPropertiesSet();
            assertThat(output.toString()).contains("WARN").contains("the embedded read model will hold 3 customers")
                    .contains("more than this JVM's 80 MB allow: start it with -Xmx256m");
        }
    }
}
