package org.customerprofile.standalone.benchmark;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long a create takes to show in the read model at half the maximum create rate: the maximum is
 * measured first (closed loop), then creates are sent at half that rate on a fixed schedule. Each
 * customer's lag is from its event's timestamp (stamped in the command handler, before the commit; the
 * read document's {@code created}) to the moment its {@code 201} arrived: read-your-writes is on, so the
 * {@code 201} is sent only once the projection has applied the event. That bounds append → visible from
 * above by the answer's trip back. The processors' own lag gauge is sampled every second alongside.
 */
@Tag("benchmark")
class ProjectionLagBenchmark {

    static final Duration MAX_PHASE = Harness.seconds("benchmark.max-seconds", 15);
    static final Duration PHASE = Harness.seconds("benchmark.seconds", 60);
    static final Pattern TIME_BEHIND = Pattern.compile("(?m)^customers_processor_time_behind_seconds\\{processor=\"customer-projection\"[^}]*} (\\S+)$");
    static final Pattern CUSTOMER_ID = Pattern.compile("\"customer_id\":\"([^\"]+)\"");

    @Test
    void lagAtHalfTheMaximumCreateRate() throws Exception {
        try (ConfigurableApplicationContext app = Harness.start("--customers.postgres.durable=true")) {
            String base = Harness.base(app);
            String token = Harness.loginCompany1(base);
            String operator = Harness.login(base, "operator", "key-of-the-operator-app-00000000");
            MongoCollection<Document> customers = BareEndpoints.customerCollection(app);
            Map<String, Long> answeredAt = new ConcurrentHashMap<>();
            Harness.Task create = n -> {
                String body = Harness.send(Harness.post(base, "/v1/customers", token, "{\"first_name\": \"Bench\", \"last_name\": \"Mark\"}"), 201);
                long now = System.currentTimeMillis();
                Matcher id = CUSTOMER_ID.matcher(body);
                if (id.find()) {
                    answeredAt.put(id.group(1), now);
                }
            };

            Harness.load(Harness.THREADS, Duration.ofSeconds(15), create); // JIT warm-up
            Result max = Harness.load(Harness.THREADS, MAX_PHASE, create);
            Harness.awaitProcessorsCaughtUp(base);
            answeredAt.clear();

            double rate = max.perSecond() / 2;
            DoubleAccumulator gaugeMax = new DoubleAccumulator(Math::max, 0);
            ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
            scraper.scheduleAtFixedRate(() -> gaugeMax.accumulate(timeBehind(base, operator)), 1, 1, TimeUnit.SECONDS);
            Result half = Harness.atRate(rate, 4 * Harness.THREADS, PHASE, create);
            scraper.shutdownNow();

            long[] lags = answeredAt.entrySet().stream().mapToLong(answer -> answer.getValue()
                    - customers.find(eq("_id", answer.getKey())).first().get("created", Date.class).getTime()).sorted().toArray();
            String table = String.format("""
                    Projection lag at half the maximum create rate (durable embedded PostgreSQL, read-your-writes on, %d client threads
                    for the maximum, up to %d in flight at the fixed rate). Read store: mongo-java-server, memory backend.

                    | what | figure |
                    |---|---|
                    | maximum create rate (closed loop, %d s) | %,.0f req/s (p50 %.1f ms, p99 %.1f ms) |
                    | driven rate (fixed schedule, %d s) | %,.1f req/s asked, %,.1f req/s done (%d creates) |
                    | create latency at that rate, from its scheduled start | p50 %.1f ms, p99 %.1f ms |
                    | **lag, event timestamp → `201` received** (upper bound of append → visible) | **p50 %d ms, p99 %d ms**, max %d ms |
                    | `customers_processor_time_behind_seconds{processor="customer-projection"}`, sampled each second | max %.3f s |
                    """, Harness.THREADS, 4 * Harness.THREADS, MAX_PHASE.toSeconds(), max.perSecond(), max.p50(), max.p99(),
                    PHASE.toSeconds(), rate, half.perSecond(), lags.length, half.p50(), half.p99(),
                    Harness.percentile(lags, 0.50), Harness.percentile(lags, 0.99), lags[lags.length - 1], gaugeMax.get());
            Harness.report("projection-lag.md", table);
        }
    }

    private static double timeBehind(String base, String operator) {
        try {
            Matcher gauge = TIME_BEHIND.matcher(Harness.send(Harness.get(base, "/actuator/prometheus", operator), 200));
            return gauge.find() ? Double.parseDouble(gauge.group(1)) : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
