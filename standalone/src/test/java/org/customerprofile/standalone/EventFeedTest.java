package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The downstream event feed, {@code GET /v1/events}: a company's customer events in global order, resumable at any cursor. */
@StandaloneTest
class EventFeedTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    ApiClient company1;
    ApiClient company2;
    ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
        company2 = ApiClient.company2(port);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aConsumerStoppingAtRandomCursorsDuringWritesEndsWithExactlyTheStoredEventsInOrder() throws Exception {
        List<Future<?>> writers = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            ApiClient client = writer % 2 == 0 ? company1 : company2;
            writers.add(threads.submit(() -> writeCustomers(client, 12)));
        }
        List<JsonNode> consumed = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String cursor = "0";
        int restarts = 0;
        boolean writing = true;
        while (writing) {
            writing = writers.stream().anyMatch(future -> !future.isDone());
            // a fresh consumer from the saved cursor, as after a crash or a deploy, reading a few pages
            ExampleFeedConsumer consumer = new ExampleFeedConsumer("http://localhost:" + port, "company1",
                    "key-of-company-one-0000000000000", cursor);
            int pages = random.nextInt(1, 4);
            int read = 1;
            for (int page = 0; page < pages && (read > 0 || writing); page++) {
                read = consumer.readPage(random.nextInt(1, 40), consumed::add);
            }
            cursor = consumer.cursor();
            restarts++;
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        ExampleFeedConsumer last = new ExampleFeedConsumer("http://localhost:" + port, "company1", "key-of-company-one-0000000000000", cursor);
        while (last.readPage(100, consumed::add) > 0) {
            // drain what the last writes appended
        }

        List<String> stored = jdbc.queryForList("SELECT eventIdentifier FROM DomainEventEntry WHERE companyId = ? AND type = 'Customer' "
                + "ORDER BY globalIndex", String.class, ApiClient.COMPANY_1);
        assertThat(consumed).extracting(event -> event.get("event_id").asText()).containsExactlyElementsOf(stored);
        assertThat(consumed).allSatisfy(event -> assertThat(event.get("company_id").asText()).isEqualTo(ApiClient.COMPANY_1));
        assertThat(restarts).isGreaterThan(1);
        Map<String, Long> lastSequence = new HashMap<>();
        for (JsonNode event : consumed) {
            long sequence = event.get("sequence").asLong();
            assertThat(sequence).isEqualTo(lastSequence.getOrDefault(event.get("customer_id").asText(), 0L) + 1);
            lastSequence.put(event.get("customer_id").asText(), sequence);
        }
    }

    @Test
    void eventsArePublishedInTheContractShape() {
        long head = head(company1);
        String id = company1.create(Map.of("reference", "feed_" + UUID.randomUUID(), "first_name", "Ada"));
        JsonNode creationServed = company1.get("/v1/events?after=" + head + "&limit=1000").body();
        assertThat(company1.put("/v1/customers/" + id, Map.of("first_name", "Grace", "last_name", "Hopper")).status()).isEqualTo(200);

        // the creation served again from what the feed kept, the update opened now: one page, in order
        JsonNode page = company1.get("/v1/events?after=" + head + "&limit=1000").body();
        assertThat(page.get("data").get(0)).isEqualTo(creationServed.get("data").get(0));
        assertThat(company1.get("/v1/events?after=" + head + "&limit=1000").body()).as("served again, all kept").isEqualTo(page);
        List<JsonNode> events = new ArrayList<>();
        page.get("data").forEach(event -> {
            if (event.get("customer_id").asText().equals(id)) {
                events.add(event);
            }
        });

        assertThat(events).hasSize(2);
        JsonNode created = events.get(0);
        assertThat(created.get("type").asText()).isEqualTo("customer.created");
        assertThat(created.get("schema_version").asInt()).isEqualTo(1);
        assertThat(created.get("company_id").asText()).isEqualTo(ApiClient.COMPANY_1);
        assertThat(created.get("sequence").asLong()).isEqualTo(1);
        assertThat(created.get("actor").asText()).isEqualTo("company1");
        assertThat(created.at("/changes/first_name")).isEqualTo(ApiClient.json("{\"old\": null, \"new\": \"Ada\"}"));
        JsonNode updated = events.get(1);
        assertThat(updated.get("type").asText()).isEqualTo("customer.updated");
        assertThat(updated.get("sequence").asLong()).isEqualTo(2);
        assertThat(updated.get("position").asLong()).isGreaterThan(created.get("position").asLong());
        assertThat(updated.get("changes")).isEqualTo(ApiClient.json("""
                {"first_name": {"old": "Ada", "new": "Grace"}, "last_name": {"old": null, "new": "Hopper"}}"""));
        // the feed reads time and request from the stored row, the history from the decoded message: they agree
        List<JsonNode> history = new ArrayList<>();
        company1.get("/v1/customers/" + id + "/events").body().get("data").forEach(history::add);
        assertThat(events).isEqualTo(history);
        assertThat(created.get("occurred_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(created.get("request_id").asText()).isNotBlank();
        JsonNode meta = page.get("meta");
        JsonNode lastEvent = page.get("data").get(page.get("data").size() - 1);
        assertThat(meta.get("next").asText()).isEqualTo(lastEvent.get("position").asText());
        assertThat(ApiClient.href(page, "next")).isEqualTo("/v1/events?after=" + lastEvent.get("position").asText() + "&limit=1000");
    }

    @Test
    void anotherCompanysEventsNeverAppear() {
        company2.create(Map.of("reference", "feed_" + UUID.randomUUID()));
        long head = head(company2);
        company1.create(Map.of("reference", "feed_" + UUID.randomUUID()));

        JsonNode page = company2.get("/v1/events?after=" + head).body();

        assertThat(page.get("data")).isEmpty();
        assertThat(page.at("/meta/next").asText()).isEqualTo(Long.toString(head));
        List<JsonNode> all = new ArrayList<>();
        String cursor = "0";
        JsonNode everything;
        do {
            everything = company2.get("/v1/events?limit=1000&after=" + cursor).body();
            everything.get("data").forEach(all::add);
            cursor = everything.at("/meta/next").asText();
        } while (!everything.get("data").isEmpty());
        assertThat(all).isNotEmpty().allSatisfy(event -> assertThat(event.get("company_id").asText()).isEqualTo(ApiClient.COMPANY_2));
    }

    /**
     * An append that took a position and has not committed yet holds back every later append until it
     * ends: a reader past a later event can never miss an earlier one that commits after it.
     */
    @Test
    void aLaterAppendWaitsUntilAnEarlierOneHasCommitted() throws Exception {
        long head = head(company1);
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement append = slow.prepareStatement("""
                    INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
                                                  payloadType, timeStamp)
                    VALUES (?, 0, 'Probe', ?, NULL, '\\x7b7d', 'probe', '2026-01-01T00:00:00Z')""")) {
                append.setString(1, UUID.randomUUID().toString());
                append.setString(2, UUID.randomUUID().toString());
                append.executeUpdate();
            }
            CompletableFuture<String> create = CompletableFuture.supplyAsync(
                    () -> company1.create(Map.of("reference", "feed_" + UUID.randomUUID())), threads);

            assertThat(create).failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(TimeoutException.class);
            slow.rollback();
            String id = create.get(10, TimeUnit.SECONDS);

            JsonNode events = company1.get("/v1/events?after=" + head).body().get("data");
            assertThat(events).extracting(event -> event.get("customer_id").asText()).contains(id);
        }
    }

    @Test
    void aCustomerEventWithoutACompanyIsNeverStored() {
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
                                              payloadType, timeStamp)
                VALUES (?, 0, 'Customer', ?, '\\x7b7d', '\\x7b7d', 'probe', '2026-01-01T00:00:00Z')""",
                UUID.randomUUID().toString(), UUID.randomUUID().toString()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("customer_event_has_company");
    }

    @Test
    void rejectsCursorsAndLimitsItDidNotIssue() {
        ApiClient.assertInvalid(company1.get("/v1/events?after=-1"), "after");
        ApiClient.assertInvalid(company1.get("/v1/events?after=abc&limit=0"), "after", "limit");
        ApiClient.assertInvalid(company1.get("/v1/events?limit=1001"), "limit");
        assertThat(ApiClient.anonymous(port).get("/v1/events").status()).isEqualTo(401);
        assertThat(company1.get("/v1/events?after=" + Long.MAX_VALUE).body().get("data")).isEmpty();
    }

    private void writeCustomers(ApiClient client, int customers) {
        for (int i = 0; i < customers; i++) {
            String id = client.create(Map.of("reference", "feed_" + UUID.randomUUID(), "first_name", "Writer"));
            for (int update = 0; update < 2; update++) {
                ApiClient.Response response = client.put("/v1/customers/" + id, Map.of("last_name", update == 0 ? "Lovelace" : "Hopper"));
                assertThat(response.status()).as(response.toString()).isIn(200, 202);
            }
        }
    }

    /** The position of the client's company's latest event, read through the feed. */
    private static long head(ApiClient client) {
        long position = 0;
        JsonNode page;
        do {
            page = client.get("/v1/events?limit=1000&after=" + position).body();
            position = page.at("/meta/next").asLong();
        } while (!page.get("data").isEmpty());
        return position;
    }
}
