package org.customerprofile.standalone.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.customerprofile.standalone.StandaloneApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cost of the reference uniqueness check: create throughput with and without a reference, measured
 * side by side (interleaved rounds) in one run, through HTTP on the durable embedded default.
 * Run: {@code ./mvnw -B -o -pl standalone test -Dgroups=benchmark -DexcludedGroups= -Dtest=CreateThroughputBenchmark}.
 */
@Tag("benchmark")
class CreateThroughputBenchmark {

    static final int THREADS = Integer.getInteger("benchmark.threads", 8);
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 10));
    static final int ROUNDS = 3;

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void createWithAndWithoutReference() throws Exception {
        Path dataDir = Files.createTempDirectory("bench-create");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class).profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir, "--customers.postgres.durable=true")) {
            String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            String token = login(base);
            LongFunction<String> withoutReference = n -> "{\"first_name\": \"Bench\", \"last_name\": \"Mark\"}";
            LongFunction<String> withReference = n -> "{\"first_name\": \"Bench\", \"last_name\": \"Mark\", \"reference\": \"bench_" + n + "\"}";
            run(base, token, withoutReference, Duration.ofSeconds(20)); // until the JIT has compiled the hot paths
            List<String> rows = new ArrayList<>();
            double[] totals = new double[2];
            for (int round = 1; round <= ROUNDS; round++) {
                Result without = run(base, token, withoutReference, PHASE);
                Result with = run(base, token, withReference, PHASE);
                totals[0] += without.perSecond();
                totals[1] += with.perSecond();
                rows.add("| " + round + " | " + without + " | " + with + " | " + String.format("%.2f", with.perSecond() / without.perSecond()) + " |");
            }
            StringBuilder table = new StringBuilder()
                    .append("Create throughput, ").append(THREADS).append(" client threads, ").append(PHASE.toSeconds())
                    .append(" s per phase, durable embedded PostgreSQL, read-your-writes on\n\n")
                    .append("| round | without reference: req/s, p50, p99 (ms) | with reference: req/s, p50, p99 (ms) | ratio |\n")
                    .append("|---|---|---|---|\n");
            rows.forEach(row -> table.append(row).append('\n'));
            table.append(String.format("| mean | %.0f req/s | %.0f req/s | %.2f |%n", totals[0] / ROUNDS, totals[1] / ROUNDS, totals[1] / totals[0]));
            System.out.println(table);
            Path out = Path.of("target", "benchmarks", "create-throughput.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
        }
    }

    private Result run(String base, String token, LongFunction<String> body, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(threads.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/customers"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.apply(SEQUENCE.incrementAndGet()))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 201) {
                        throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
                    }
                    latencies.add(System.nanoTime() - started);
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> worker : workers) {
            all.addAll(worker.get());
        }
        threads.shutdown();
        Collections.sort(all);
        return new Result(all.size() / (double) duration.toSeconds(), percentile(all, 0.50), percentile(all, 0.99));
    }

    private String login(String base) throws Exception {
        String response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"app_id\":\"company1\",\"app_key\":\"key-of-company-one-0000000000000\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return response.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    record Result(double perSecond, double p50, double p99) {
        @Override
        public String toString() {
            return String.format("%.0f, %.1f, %.1f", perSecond, p50, p99);
        }
    }
}
