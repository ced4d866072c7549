package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A graceful stop (what SIGTERM runs): processors first, then the data source and PostgreSQL, quickly and quietly. */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void stopsWithinFiveSecondsWithoutAnError(CapturedOutput output) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir);
        ApiClient company1 = ApiClient.company1(((WebServerApplicationContext) app).getWebServer().getPort());
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String reference = "shutdown_" + i;
                writes.add(writers.submit(() -> {
                    ApiClient.Response created = company1.post("/v1/customers", Map.of("reference", reference));
                    company1.put("/v1/customers/" + created.body().get("customer_id").asText(), Map.of("first_name", "Ada"));
                    return created.status();
                }));
            }
            for (Future<Integer> write : writes) {
                assertThat(write.get()).isEqualTo(201);
            }
        } finally {
            writers.shutdownNow();
        }
        int logged = output.length();

        long start = System.nanoTime();
        app.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - start);

        String duringClose = output.toString().substring(logged);
        assertThat(closing).isLessThan(Duration.ofSeconds(5));
        assertThat(duringClose).doesNotContain(" ERROR ").doesNotContain("Could not open JDBC Connection");
        assertThat(output.toString()).as("no error under load either (the update emitter's race among them)")
                .doesNotContain(" ERROR ");
    }
}
