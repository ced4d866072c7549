package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Webhook delivery: (1) latency from an event's commit to a local endpoint's receipt (p50/p99) while customers
 * are created through HTTP at half the rate this run measured as its maximum; (2) deliveries per second to an
 * endpoint that answers at once, for {@value #DEFAULT_EVENTS} events appended at once, beside the HTTP feed's
 * read rate of the same events in the same run. Run:
 * {@code ./mvnw -B -o -pl standalone -am test -Dgroups=benchmark -DexcludedGroups= -Dtest=WebhookDeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class WebhookDeliveryBenchmark {

    static final int DEFAULT_EVENTS = 20_000;
    static final int EVENTS = Integer.getInteger("benchmark.events", DEFAULT_EVENTS);
    static final Duration MAX_RATE_PROBE = Harness.seconds("benchmark.probe-seconds", 15);
    static final Duration LOAD = Harness.seconds("benchmark.load-seconds", 30);
    static final int PAGE = 1000;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong received = new AtomicLong();
    private volatile boolean measuring;

    @Test
    void deliveryLatencyAndThroughput() throws Exception {
        HttpServer endpoint = endpoint();
        try (ConfigurableApplicationContext app = Harness.start("--customers.webhooks.allow-private-targets=true")) {
            String base = Harness.base(app);
            String token = Harness.loginCompany1(base);

            Harness.Result max = Harness.load(Harness.THREADS, MAX_RATE_PROBE, n -> create(base, token));
            Harness.send(Harness.post(base, "/v1/webhooks", token,
                    "{\"url\":\"http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks\"}"), 201);
            double halfRate = max.perSecond() / 2;
            measuring = true;
            Harness.Result steady = Harness.atRate(halfRate, Harness.THREADS, LOAD, n -> create(base, token));
            long created = steady.sortedNanos().length;
            await().atMost(Duration.ofMinutes(5)).until(() -> received.get() >= created);
            measuring = false;
            long[] lag = latencies.stream().mapToLong(Long::longValue).sorted().toArray();

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long before = jdbc.queryForObject("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry", Long.class);
            long receivedBefore = received.get();
            Harness.appendCustomers(app.getBean(EventStorageEngine.class), Harness.COMPANY_1, EVENTS);
            Instant appended = Instant.now();
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> received.get() >= receivedBefore + EVENTS);
            double deliverySeconds = secondsSince(appended);
            double feed = feedRead(base, token, before);

            Harness.report("webhook-delivery.md", String.format("""
                    Delivery latency: customers created through HTTP at %.0f/s (half of the %.0f/s this run reached with %d threads)
                    for %d s, one standard webhook to an endpoint on the loopback interface that answers 204 at once

                    | event commit → endpoint receipt | ms |
                    |---|---|
                    | p50 | %d |
                    | p99 | %d |
                    | max | %d |

                    Throughput: %d creations appended at once through the storage engine

                    | what | events/s |
                    |---|---|
                    | webhook deliveries (planned, signed, sent, answered, recorded) | %.0f |
                    | HTTP feed read of the same events (pages of %d, one reader) | %.0f |
                    """, halfRate, max.perSecond(), Harness.THREADS, LOAD.toSeconds(), Harness.percentile(lag, 0.50),
                    Harness.percentile(lag, 0.99), lag.length == 0 ? 0 : lag[lag.length - 1], EVENTS, EVENTS / deliverySeconds, PAGE, feed));
        } finally {
            endpoint.stop(0);
        }
    }

    private static void create(String base, String token) throws Exception {
        Harness.send(Harness.post(base, "/v1/customers", token,
                "{\"reference\":\"bench_" + UUID.randomUUID() + "\",\"first_name\":\"Bench\",\"billing\":{\"email\":\"b@example.com\"}}"), 201);
    }

    /** The merchant's endpoint: answers 204 at once, records each event's time from commit to receipt. */
    private HttpServer endpoint() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.currentTimeMillis();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.incrementAndGet();
            if (measuring) {
                latencies.add(now - Instant.parse(json.readTree(body).get("occurred_at").asText()).toEpochMilli());
            }
        });
        server.start();
        return server;
    }

    private double feedRead(String base, String token, long after) throws Exception {
        Instant start = Instant.now();
        String cursor = Long.toString(after);
        long events = 0;
        while (events < EVENTS) {
            JsonNode page = json.readTree(Harness.send(Harness.get(base, "/v1/events?after=" + cursor + "&limit=" + PAGE, token), 200));
            events += page.get("data").size();
            cursor = page.at("/meta/next").asText();
        }
        return events / secondsSince(start);
    }

    private static double secondsSince(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }
}
