package org.customerprofile.standalone.benchmark;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The read paths against the read store's own speed, side by side in interleaved rounds on one server:
 * {@code GET /v1/customers/{id}} against a bare endpoint that finds the document by {@code _id} with the
 * raw driver (and a constant endpoint for context), at {@value #LARGE} customers; and the list's first
 * page against the same count and sorted page run by the raw driver, at {@value #SMALL} and {@value #LARGE}
 * customers of one company. Read store: mongo-java-server, memory backend.
 */
@Tag("benchmark")
class ReadBenchmark {

    static final int SMALL = 10_000;
    static final int LARGE = Integer.getInteger("benchmark.customers", 100_000);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final Duration PHASE = Harness.seconds("benchmark.seconds", 10);
    static final Duration LIST_PHASE = Harness.seconds("benchmark.list-seconds", 20);
    static final int LIST_THREADS = 1;

    @Test
    void readsAgainstRawDriver() throws Exception {
        try (ConfigurableApplicationContext app = Harness.start()) {
            String base = Harness.base(app);
            String token = Harness.loginCompany1(base);
            EventStorageEngine engine = app.getBean(EventStorageEngine.class);
            MongoCollection<Document> customers = BareEndpoints.customerCollection(app);
            StringBuilder report = new StringBuilder();

            List<UUID> ids = new ArrayList<>(Harness.appendCustomers(engine, Harness.COMPANY_1, SMALL));
            Harness.awaitProcessorsCaughtUp(base);
            report.append(list(base, token, customers, SMALL));

            ids.addAll(Harness.appendCustomers(engine, Harness.COMPANY_1, LARGE - SMALL));
            Harness.awaitProcessorsCaughtUp(base);
            report.append(retrieve(base, token, ids)).append(list(base, token, customers, LARGE));
            Harness.report("reads.md", report.toString());
        }
    }

    private String retrieve(String base, String token, List<UUID> ids) throws Exception {
        Harness.Task ours = n -> Harness.send(Harness.get(base, "/v1/customers/" + any(ids), token), 200);
        Harness.Task bare = n -> Harness.send(Harness.get(base, "/benchmark/customers/" + any(ids), token), 200);
        Harness.Task constant = n -> Harness.send(Harness.get(base, "/benchmark/constant", token), 200);
        Harness.load(Harness.THREADS, PHASE, ours); // JIT warm-up
        Harness.load(Harness.THREADS, PHASE, bare);
        StringBuilder table = new StringBuilder(String.format("""
                GET one customer by id, %d customers, %d client threads, %d s per phase. req/s, p50, p99 (ms).

                | round | `GET /v1/customers/{id}` | bare: raw driver find by `_id` | ratio (req/s) | constant endpoint |
                |---|---|---|---|---|
                """, ids.size(), Harness.THREADS, PHASE.toSeconds()));
        double[] sums = new double[3];
        for (int round = 1; round <= ROUNDS; round++) {
            Result our = Harness.load(Harness.THREADS, PHASE, ours);
            Result raw = Harness.load(Harness.THREADS, PHASE, bare);
            Result trivial = Harness.load(Harness.THREADS, PHASE, constant);
            sums[0] += our.perSecond();
            sums[1] += raw.perSecond();
            sums[2] += trivial.perSecond();
            table.append(String.format("| %d | %s | %s | %.2f | %s |%n", round, our, raw, our.perSecond() / raw.perSecond(), trivial));
        }
        return table.append(String.format("| **mean** | %,.0f req/s | %,.0f req/s | **%.2f** | %,.0f req/s |%n%n",
                sums[0] / ROUNDS, sums[1] / ROUNDS, sums[0] / sums[1], sums[2] / ROUNDS)).toString();
    }

    /** The list endpoint runs a count and a sorted page (CustomerQueryController.list): the raw side runs the same two. */
    private String list(String base, String token, MongoCollection<Document> customers, int count) throws Exception {
        Bson company = eq("company_id", Harness.COMPANY_1.toString());
        Harness.Task ours = n -> Harness.send(Harness.get(base, "/v1/customers?limit=25", token), 200);
        Harness.Task raw = n -> {
            customers.countDocuments(company);
            customers.find(company).sort(descending("created", "_id")).skip(0).limit(25).into(new ArrayList<>());
        };
        Harness.load(LIST_THREADS, Duration.ofSeconds(5), ours); // JIT warm-up
        Harness.load(LIST_THREADS, Duration.ofSeconds(5), raw);
        StringBuilder table = new StringBuilder(String.format("""
                First page of the list (limit 25), %d customers in one company, %d client thread, %d s per phase. req/s, p50, p99 (ms).

                | round | `GET /v1/customers?limit=25` | raw driver: countDocuments + sorted page | ratio (p99 ours / raw) |
                |---|---|---|---|
                """, count, LIST_THREADS, LIST_PHASE.toSeconds()));
        double[] sums = new double[2];
        for (int round = 1; round <= ROUNDS; round++) {
            Result our = Harness.load(LIST_THREADS, LIST_PHASE, ours);
            Result driver = Harness.load(LIST_THREADS, LIST_PHASE, raw);
            sums[0] += our.p99();
            sums[1] += driver.p99();
            table.append(String.format("| %d | %s | %s | %.2f |%n", round, our, driver, our.p99() / driver.p99()));
        }
        return table.append(String.format("| **mean p99** | %.1f ms | %.1f ms | **%.2f** |%n%n",
                sums[0] / ROUNDS, sums[1] / ROUNDS, sums[0] / sums[1])).toString();
    }

    private static UUID any(List<UUID> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
