package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.customerprofile.query.feed.CustomerEventFeed;
import org.customerprofile.standalone.KafkaBroker;
import org.customerprofile.standalone.StandaloneApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Downstream delivery: publish lag from append to Kafka acknowledgement (p50/p99) at a steady write load,
 * then the HTTP feed's read rate over {@value #DEFAULT_EVENTS} events side by side with a raw JDBC read of
 * the same rows by the same query. Run:
 * {@code ./mvnw -B -o -pl standalone test -Dgroups=benchmark -DexcludedGroups= -Dtest=EventDeliveryBenchmark}.
 */
@Tag("benchmark")
class EventDeliveryBenchmark {

    static final int DEFAULT_EVENTS = 100_000;
    static final int EVENTS = Integer.getInteger("benchmark.events", DEFAULT_EVENTS);
    static final int WRITES_PER_SECOND = Integer.getInteger("benchmark.writes-per-second", 40);
    static final Duration LOAD = Duration.ofSeconds(Integer.getInteger("benchmark.load-seconds", 40));
    static final int PAGE = 1000;
    static final String TOPIC = "bench-customer-events";
    static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong received = new AtomicLong();
    private volatile boolean measuring;

    @Test
    void publishLagAndFeedThroughput() throws Exception {
        Path dataDir = Files.createTempDirectory("bench-events");
        try (KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"))) {
            broker.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                // the broker stamps each record when it appends it: the record's timestamp is the acknowledgement time
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime"))))
                        .all().get();
            }
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class).profiles("test")
                    .run("--server.port=0", "--customers.data-dir=" + dataDir, "--customers.kafka.enabled=true",
                            "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--customers.kafka.topic=" + TOPIC)) {
                String base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
                String token = login(base);
                AtomicBoolean consuming = new AtomicBoolean(true);
                Thread consumer = new Thread(() -> consume(broker.bootstrapServers(), consuming), "bench-consumer");
                consumer.start();

                LagFigures lag = steadyLoad(base, token);

                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                long before = jdbc.queryForObject("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry", Long.class);
                long publishedBefore = received.get();
                Instant appendStart = Instant.now();
                List<UUID> appended = Harness.appendCustomers(app.getBean(EventStorageEngine.class), COMPANY, EVENTS);
                String lastCustomer = appended.get(appended.size() - 1).toString();
                double appendSeconds = seconds(appendStart);
                Instant catchUp = Instant.now();
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> received.get() >= publishedBefore + EVENTS);
                double publishSeconds = seconds(catchUp);
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> get(base, "/v1/customers/" + lastCustomer, token).statusCode() == 200);
                consuming.set(false);
                consumer.join();

                List<String> rounds = new ArrayList<>();
                for (int round = 1; round <= 2; round++) {
                    double raw = rawRead(jdbc, before);
                    double feed = feedRead(base, token, before);
                    rounds.add(String.format("| %d | %.0f | %.0f | %.2f |", round, feed, raw, feed / raw));
                }

                String table = String.format("""
                        Publish lag: %d customer creations/s through HTTP for %d s (%d events measured after a 5 s warm-up)

                        | append → Kafka acknowledgement | ms |
                        |---|---|
                        | p50 | %d |
                        | p99 | %d |
                        | max | %d |

                        Feed read, %d events of one company (pages of %d, one reader; embedded PostgreSQL)

                        | round | HTTP feed events/s (JSON, parsed by the client) | raw JDBC rows/s (same query, bytes only) | feed / raw |
                        |---|---|---|---|
                        %s

                        Appending them: %.1f s (%.0f events/s through the storage engine, batches of 2000); the Kafka publisher
                        then caught up in %.1f s (%.0f events/s).
                        """, WRITES_PER_SECOND, LOAD.toSeconds(), lag.count(), lag.p50(), lag.p99(), lag.max(),
                        EVENTS, PAGE, String.join("\n", rounds), appendSeconds, EVENTS / appendSeconds,
                        publishSeconds, EVENTS / publishSeconds);
                System.out.println(table);
                Path out = Path.of("target", "benchmarks", "event-delivery.md");
                Files.createDirectories(out.getParent());
                Files.writeString(out, table);
            }
        }
    }

    record LagFigures(int count, long p50, long p99, long max) {
    }

    /** Creations at a fixed rate; the consumer records each event's append-to-acknowledgement time. */
    private LagFigures steadyLoad(String base, String token) throws Exception {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        AtomicLong failed = new AtomicLong();
        pacer.scheduleAtFixedRate(() -> senders.submit(() -> {
            HttpResponse<String> response = post(base, "/v1/customers", token,
                    "{\"reference\":\"bench_" + UUID.randomUUID() + "\",\"first_name\":\"Bench\",\"billing\":{\"email\":\"b@example.com\"}}");
            if (response.statusCode() != 201) {
                failed.incrementAndGet();
            }
        }), 0, 1_000_000 / WRITES_PER_SECOND, TimeUnit.MICROSECONDS);
        Thread.sleep(5_000);
        measuring = true;
        Thread.sleep(LOAD.minusSeconds(5).toMillis());
        pacer.shutdownNow();
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        Thread.sleep(2_000);
        measuring = false;
        if (failed.get() > 0) {
            throw new AssertionError(failed.get() + " creations failed under load");
        }
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        return new LagFigures(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private void consume(String bootstrapServers, AtomicBoolean consuming) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            while (consuming.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    received.incrementAndGet();
                    if (measuring) {
                        lags.add(record.timestamp() - Instant.parse(read(record.value()).get("occurred_at").asText()).toEpochMilli());
                    }
                }
            }
        }
    }


    private double rawRead(JdbcTemplate jdbc, long after) {
        Instant start = Instant.now();
        long cursor = after;
        long rows = 0;
        while (rows < EVENTS) {
            List<Long> page = jdbc.query(CustomerEventFeed.PAGE, (row, n) -> {
                row.getString("type");
                row.getString("aggregateIdentifier");
                row.getLong("sequenceNumber");
                row.getString("eventIdentifier");
                row.getString("timeStamp");
                row.getString("payloadType");
                row.getString("payloadRevision");
                row.getBytes("payload");
                row.getBytes("metaData");
                return row.getLong("globalIndex");
            }, COMPANY.toString(), cursor, PAGE);
            rows += page.size();
            cursor = page.get(page.size() - 1);
        }
        return rows / seconds(start);
    }

    private double feedRead(String base, String token, long after) throws Exception {
        Instant start = Instant.now();
        String cursor = Long.toString(after);
        long events = 0;
        while (events < EVENTS) {
            JsonNode page = read(get(base, "/v1/events?after=" + cursor + "&limit=" + PAGE, token).body());
            events += page.get("data").size();
            cursor = page.at("/meta/next").asText();
        }
        return events / seconds(start);
    }

    private static long percentile(List<Long> sorted, double fraction) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private String login(String base) throws Exception {
        return read(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"app_id\":\"company1\",\"app_key\":\"key-of-company-one-0000000000000\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
    }

    private HttpResponse<String> get(String base, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String base, String path, String token, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
