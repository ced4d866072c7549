package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An erasure racing updates (and readers) of the same customers, on the real stores: afterwards none of the
 * updates' personal values is readable anywhere — not through the API, not from the event table — and the
 * customer's key stays destroyed (no write re-creates one, no reader brings it back from a cache).
 */
@StandaloneTest
class ErasureRaceTest {

    static final int CUSTOMERS = 6;
    static final int UPDATERS_EACH = 3;
    static final int UPDATES_EACH = 25;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anErasureRacingUpdatesLeavesNoneOfTheirValuesReadable() throws Exception {
        ApiClient company1 = ApiClient.company1(port);
        String marker = ErasureTest.marker("rc");
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            ids.add(company1.create(Map.of("reference", marker + "ref" + letter(c), "first_name", marker + "first", "email", marker + "@example.com")));
        }
        AtomicInteger updatesAccepted = new AtomicInteger();
        AtomicInteger updatesGone = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CUSTOMERS * (UPDATERS_EACH + 3));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (String id : ids) {
            for (int u = 0; u < UPDATERS_EACH; u++) {
                String updater = letter(u);
                work.add(threads.submit(() -> {
                    go.await();
                    for (int n = 0; n < UPDATES_EACH; n++) {
                        int status = company1.put("/v1/customers/" + id, Map.of("first_name", marker + "u" + updater + letter(n),
                                "last_name", marker + "last" + updater + letter(n))).status();
                        assertThat(status).as("an update before or after the erasure").isIn(200, 409, 410);
                        (status == 410 ? updatesGone : updatesAccepted).incrementAndGet();
                    }
                    return null;
                }));
            }
            work.add(threads.submit(() -> {
                // readers open the customer's events meanwhile: none may bring its key back into a cache
                go.await();
                for (int n = 0; n < 2 * UPDATES_EACH; n++) {
                    assertThat(company1.get("/v1/customers/" + id + "/events?limit=100").status()).isIn(200, 410);
                }
                return null;
            }));
            work.add(threads.submit(() -> {
                // and the feed keeps what it serves: none of it may outlive the erasure
                go.await();
                for (int n = 0; n < 5; n++) {
                    ErasureTest.wholeFeed(company1);
                }
                return null;
            }));
            work.add(threads.submit(() -> {
                go.await();
                while (updatesAccepted.get() < CUSTOMERS * UPDATERS_EACH) {
                    Thread.onSpinWait();
                }
                assertThat(company1.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(200);
                return null;
            }));
        }
        go.countDown();
        for (Future<?> each : work) {
            each.get();
        }
        threads.shutdown();

        assertThat(updatesGone.get()).as("updates that lost the race to the erasure").isPositive();
        for (String id : ids) {
            assertThat(company1.get("/v1/customers/" + id).status()).isEqualTo(410);
            JsonNode history = company1.get("/v1/customers/" + id + "/events?limit=100").body();
            assertThat(history.toString()).doesNotContain(marker);
            assertThat(history.at("/data/0/erased").asBoolean()).isTrue();
            assertThat(jdbc.queryForList("SELECT wrapped_key IS NULL AS destroyed FROM customer_data_key WHERE customer_id = ?::uuid", id))
                    .as("one tombstone, no key re-created").containsExactly(Map.of("destroyed", true));
            assertThat(jdbc.queryForObject("""
                    SELECT max(sequenceNumber) = max(sequenceNumber) FILTER (WHERE payloadType = 'org.customerprofile.api.customer.CustomerErased')
                    FROM DomainEventEntry WHERE aggregateIdentifier = ?""", Boolean.class, id)).as("nothing stored after CustomerErased").isTrue();
        }
        List<String> stored = jdbc.query("SELECT payload, metaData FROM DomainEventEntry WHERE aggregateIdentifier IN ("
                        + String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")",
                (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8) + new String(row.getBytes(2), StandardCharsets.UTF_8));
        assertThat(stored).hasSizeGreaterThan(CUSTOMERS * 3).noneMatch(payload -> payload.contains(marker));
        assertThat(ErasureTest.wholeFeed(company1)).as("the feed from the start").doesNotContain(marker);
    }

    private static String letter(int n) {
        return String.valueOf((char) ('a' + n % 26)) + (char) ('a' + n / 26);
    }
}
