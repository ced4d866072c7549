package org.customerprofile.standalone.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code POST /v1/customers} through HTTP against PostgreSQL's own limit for the same rows: a raw JDBC
 * loop inserting, one transaction per create, the event rows a create appends (the customer's event,
 * plus the reference claim's when a reference is given) into the same DomainEventEntry table (same
 * trigger, indexes and byte sizes: the rows are copies of ones the service wrote), at the same
 * concurrency, in interleaved rounds. Durable PostgreSQL, read-your-writes on, as the embedded default runs.
 */
@Tag("benchmark")
class CreateVersusStoreBenchmark {

    static final Duration PHASE = Harness.seconds("benchmark.seconds", 10);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);

    private static final String INSERT = "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** An event row as the service wrote it, to be inserted again under a new aggregate and event identifier. */
    record Row(String type, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {
    }

    @Test
    void createAgainstRawInserts() throws Exception {
        try (ConfigurableApplicationContext app = Harness.start("--customers.postgres.durable=true")) {
            String base = Harness.base(app);
            String token = Harness.loginCompany1(base);
            DataSource store = app.getBean(DataSource.class);
            Harness.Task plain = n -> Harness.send(Harness.post(base, "/v1/customers", token,
                    "{\"first_name\": \"Bench\", \"last_name\": \"Mark\"}"), 201);
            Harness.Task referenced = n -> Harness.send(Harness.post(base, "/v1/customers", token,
                    "{\"first_name\": \"Bench\", \"last_name\": \"Mark\", \"reference\": \"bench_" + UUID.randomUUID() + "\"}"), 201);
            Harness.load(Harness.THREADS, Duration.ofSeconds(10), plain); // JIT warm-up, and the rows to copy
            Harness.load(Harness.THREADS, Duration.ofSeconds(10), referenced);
            List<Row> plainRows = List.of(latest(store, "%.CustomerCreated", false));
            List<Row> referencedRows = List.of(latest(store, "%.CustomerCreated", true), latest(store, "%.ReferenceClaimed", true));
            Harness.load(Harness.THREADS, Duration.ofSeconds(5), n -> insert(store, plainRows));

            StringBuilder table = new StringBuilder(String.format("""
                    Create throughput against PostgreSQL's own limit for the same rows: %d client threads, %d s per phase,
                    durable embedded PostgreSQL (fsync, synchronous_commit on), read-your-writes on. req/s or tx/s, p50, p99 (ms).

                    | round | HTTP create, no reference | raw JDBC, 1 row/tx | ratio | HTTP create with reference | raw JDBC, 2 rows/tx | ratio |
                    |---|---|---|---|---|---|---|
                    """, Harness.THREADS, PHASE.toSeconds()));
            double[] sums = new double[4];
            for (int round = 1; round <= ROUNDS; round++) {
                Result http1 = Harness.load(Harness.THREADS, PHASE, plain);
                Result jdbc1 = Harness.load(Harness.THREADS, PHASE, n -> insert(store, plainRows));
                Result http2 = Harness.load(Harness.THREADS, PHASE, referenced);
                Result jdbc2 = Harness.load(Harness.THREADS, PHASE, n -> insert(store, referencedRows));
                double[] rates = {http1.perSecond(), jdbc1.perSecond(), http2.perSecond(), jdbc2.perSecond()};
                for (int i = 0; i < 4; i++) {
                    sums[i] += rates[i];
                }
                table.append(String.format("| %d | %s | %s | %.3f | %s | %s | %.3f |%n", round, http1, jdbc1, rates[0] / rates[1],
                        http2, jdbc2, rates[2] / rates[3]));
            }
            table.append(String.format("| **mean** | %,.0f | %,.0f | **%.3f** | %,.0f | %,.0f | **%.3f** |%n", sums[0] / ROUNDS,
                    sums[1] / ROUNDS, sums[0] / sums[1], sums[2] / ROUNDS, sums[3] / ROUNDS, sums[2] / sums[3]));
            Harness.report("create-versus-store.md", table.toString());
        }
    }

    /** One transaction appending {@code rows} as Axon's JDBC engine does: one batched insert, then commit. */
    static void insert(DataSource store, List<Row> rows) throws Exception {
        try (Connection connection = store.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                String aggregate = UUID.randomUUID().toString();
                for (Row row : rows) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, row.type().equals("Customer") ? aggregate : "reference/" + Harness.COMPANY_1 + "/raw_" + aggregate);
                    insert.setLong(3, 0);
                    insert.setString(4, row.type());
                    insert.setString(5, Instant.now().toString());
                    insert.setString(6, row.payloadType());
                    insert.setString(7, row.payloadRevision());
                    insert.setBytes(8, row.payload());
                    insert.setBytes(9, row.metaData());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    /**
     * The newest row the service wrote of a payload type, for a create with or without a reference. Its
     * payload type gets a suffix no class has, so the service's processors fetch the copies but skip them
     * (as they would any event they do not handle) instead of applying one customer again and again.
     */
    private static Row latest(DataSource store, String payloadType, boolean withReference) throws Exception {
        String sql = "SELECT type, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry WHERE payloadType LIKE ? "
                + "AND (position('\"reference\"' in convert_from(payload, 'UTF8')) > 0) = ? ORDER BY globalIndex DESC LIMIT 1";
        try (Connection connection = store.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, payloadType);
            select.setBoolean(2, withReference);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no " + payloadType + " row written");
                }
                return new Row(row.getString(1), row.getString(2) + "$Copy", row.getString(3), row.getBytes(4), row.getBytes(5));
            }
        }
    }
}
