package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.customerprofile.standalone.KafkaBroker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Downstream delivery: publish lag from append to Kafka acknowledgement (p50/p99) at a steady write load,
 * then the HTTP feed's read rate over {@value #DEFAULT_EVENTS} events side by side with a raw JDBC read of
 * the same rows ({@link Harness#FEED_ROWS}, every column). Run:
 * {@code ./mvnw -B -o -pl standalone -am test -Dgroups=benchmark -DexcludedGroups= -Dtest=EventDeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class EventDeliveryBenchmark {

    static final int DEFAULT_EVENTS = 100_000;
    static final int EVENTS = Integer.getInteger("benchmark.events", DEFAULT_EVENTS);
    static final int WRITES_PER_SECOND = Integer.getInteger("benchmark.writes-per-second", 40);
    static final Duration LOAD = Harness.seconds("benchmark.load-seconds", 40);
    static final Duration WARM_UP = Duration.ofSeconds(5);
    static final int PAGE = 1000;
    static final String TOPIC = "bench-customer-events";

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
            try (ConfigurableApplicationContext app = Harness.start("--customers.kafka.enabled=true",
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--customers.kafka.topic=" + TOPIC)) {
                String base = Harness.base(app);
                String token = Harness.loginCompany1(base);
                AtomicBoolean consuming = new AtomicBoolean(true);
                Thread consumer = new Thread(() -> consume(broker.bootstrapServers(), consuming), "bench-consumer");
                consumer.start();

                Harness.Result writes = steadyLoad(base, token);
                long[] lag = lags.stream().mapToLong(Long::longValue).sorted().toArray();

                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                long before = jdbc.queryForObject("SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry", Long.class);
                long publishedBefore = received.get();
                Instant appendStart = Instant.now();
                Harness.appendCustomers(app.getBean(EventStorageEngine.class), Harness.COMPANY_1, EVENTS);
                double appendSeconds = secondsSince(appendStart);
                Instant catchUp = Instant.now();
                await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> received.get() >= publishedBefore + EVENTS);
                double publishSeconds = secondsSince(catchUp);
                Harness.awaitProcessorsCaughtUp(base);
                consuming.set(false);
                consumer.join();

                List<String> rounds = new ArrayList<>();
                for (int round = 1; round <= 2; round++) {
                    double raw = rawRead(jdbc, before);
                    double feed = feedRead(base, token, before);
                    rounds.add(String.format("| %d | %.0f | %.0f | %.2f |", round, feed, raw, feed / raw));
                }

                Harness.report("event-delivery.md", String.format("""
                        Publish lag: %d customer creations/s through HTTP for %d s (%.1f/s done; %d events measured after a %d s warm-up)

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
                        """, WRITES_PER_SECOND, LOAD.toSeconds(), writes.perSecond(), lag.length, WARM_UP.toSeconds(),
                        Harness.percentile(lag, 0.50), Harness.percentile(lag, 0.99), lag.length == 0 ? 0 : lag[lag.length - 1],
                        EVENTS, PAGE, String.join("\n", rounds), appendSeconds, EVENTS / appendSeconds,
                        publishSeconds, EVENTS / publishSeconds));
            }
        }
    }

    /** Creations at a fixed rate; the consumer records each event's append-to-acknowledgement time after the warm-up. */
    private Harness.Result steadyLoad(String base, String token) throws Exception {
        Thread warmUp = new Thread(() -> {
            try {
                Thread.sleep(WARM_UP.toMillis());
                measuring = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        warmUp.start();
        Harness.Result writes = Harness.atRate(WRITES_PER_SECOND, Harness.THREADS, LOAD, n -> Harness.send(Harness.post(base, "/v1/customers",
                token, "{\"reference\":\"bench_" + UUID.randomUUID() + "\",\"first_name\":\"Bench\",\"billing\":{\"email\":\"b@example.com\"}}"), 201));
        Thread.sleep(2_000);
        measuring = false;
        return writes;
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
            List<Long> page = jdbc.query(Harness.FEED_ROWS, (row, n) -> {
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
            }, Harness.COMPANY_1.toString(), cursor, PAGE);
            rows += page.size();
            cursor = page.get(page.size() - 1);
        }
        return rows / secondsSince(start);
    }

    private double feedRead(String base, String token, long after) throws Exception {
        Instant start = Instant.now();
        String cursor = Long.toString(after);
        long events = 0;
        while (events < EVENTS) {
            JsonNode page = read(Harness.send(Harness.get(base, "/v1/events?after=" + cursor + "&limit=" + PAGE, token), 200));
            events += page.get("data").size();
            cursor = page.at("/meta/next").asText();
        }
        return events / secondsSince(start);
    }

    private static double secondsSince(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
