package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customerprofile.standalone.ApiClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Customer events to Kafka through a broker outage: every event arrives, in order per customer. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"customers.kafka.enabled=true", "customers.kafka.topic=" + KafkaPublishingTest.TOPIC, "customers.kafka.partitions=3",
                // sends fail within 3 s of the outage instead of waiting it out in the producer's buffer: the
                // publisher must notice and send those events again, or they are lost
                "spring.kafka.producer.properties.delivery.timeout.ms=3000", "spring.kafka.producer.properties.request.timeout.ms=1000",
                "spring.kafka.producer.properties.max.block.ms=1000"})
@ActiveProfiles("test")
class KafkaPublishingTest {

    static final String TOPIC = "customer-events-test";
    static final KafkaBroker BROKER = new KafkaBroker(Path.of(System.getProperty("java.io.tmpdir"), "kafka-" + UUID.randomUUID()));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        BROKER.start();
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Test
    void everyEventReachesTheTopicInOrderPerCustomerAcrossABrokerRestart() throws Exception {
        ApiClient company1 = ApiClient.company1(port);
        ApiClient company2 = ApiClient.company2(port);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = List.of(
                writers.submit(() -> writeUntilStopped(company1, writing, writes)),
                writers.submit(() -> writeUntilStopped(company2, writing, writes)));
        Map<String, List<JsonNode>> received = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumeUntil(consumer, received, Duration.ofSeconds(60), () -> count(received) >= 20);

            BROKER.stop();
            long stopped = System.nanoTime();
            int writesBefore = writes.get();
            awaitWrites(writes, writesBefore + 30); // the API keeps taking writes while Kafka is down
            Thread.sleep(Math.max(0, Duration.ofSeconds(6).minusNanos(System.nanoTime() - stopped).toMillis()));
            BROKER.start();
            int writesAfter = writes.get();
            awaitWrites(writes, writesAfter + 20);
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
            writers.shutdown();

            List<String> stored = jdbc.queryForList("SELECT eventIdentifier FROM DomainEventEntry WHERE type = 'Customer' ORDER BY globalIndex",
                    String.class);
            consumeUntil(consumer, received, Duration.ofSeconds(120), () -> ids(received).containsAll(stored));

            assertThat(ids(received)).containsExactlyInAnyOrderElementsOf(stored);
        }
        for (List<JsonNode> events : received.values()) {
            // first deliveries in sequence 1, 2, 3, ...; a re-sent batch repeats events already seen
            long expected = 1;
            for (JsonNode event : events) {
                long sequence = event.get("sequence").asLong();
                assertThat(sequence).isLessThanOrEqualTo(expected);
                if (sequence == expected) {
                    expected++;
                }
            }
        }
    }

    private void writeUntilStopped(ApiClient client, AtomicBoolean writing, AtomicInteger writes) {
        List<String> customers = new ArrayList<>();
        while (writing.get()) {
            if (customers.size() < 10 || writes.get() % 3 == 0) {
                customers.add(client.create(Map.of("reference", "kafka_" + UUID.randomUUID(), "first_name", "Ada")));
            } else {
                String id = customers.get(writes.get() % customers.size());
                Response response = client.put("/v1/customers/" + id, Map.of("last_name", writes.get() % 2 == 0 ? "Lovelace" : "Hopper"));
                assertThat(response.status()).as(response.toString()).isIn(200, 202);
            }
            writes.incrementAndGet();
        }
    }

    private static void awaitWrites(AtomicInteger writes, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (writes.get() < atLeast) {
            assertThat(System.nanoTime()).as("writes keep succeeding").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    private static void consumeUntil(KafkaConsumer<String, String> consumer, Map<String, List<JsonNode>> received, Duration timeout,
                                     java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("all events on the topic in time; got %d", count(received)).isLessThan(deadline);
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                JsonNode event = ApiClient.json(record.value());
                assertThat(record.key()).isEqualTo(event.get("customer_id").asText());
                received.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event);
            }
        }
    }

    private static int count(Map<String, List<JsonNode>> received) {
        return received.values().stream().mapToInt(List::size).sum();
    }

    private static Set<String> ids(Map<String, List<JsonNode>> received) {
        Map<String, Boolean> ids = new HashMap<>();
        received.values().forEach(events -> events.forEach(event -> ids.put(event.get("event_id").asText(), true)));
        return ids.keySet();
    }
}
