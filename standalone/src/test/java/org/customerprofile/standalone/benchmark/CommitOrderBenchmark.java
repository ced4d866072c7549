package org.customerprofile.standalone.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What handing out positions in commit order (migration V4: one lock from an append's insert to its
 * commit) costs the event store: appends of one event per transaction by {@value #THREADS} threads on
 * durable PostgreSQL, with the V4 trigger and, alternately in the same run, with it switched off and the
 * plain sequence default back. Run:
 * {@code ./mvnw -B -o -pl standalone -am test -Dgroups=benchmark -DexcludedGroups= -Dtest=CommitOrderBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CommitOrderBenchmark {

    static final int THREADS = 8;
    static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 10));
    static final byte[] PAYLOAD = ("{\"customerId\":\"00000000-0000-4000-8000-000000000000\",\"companyId\":\"11111111-1111-4111-8111-111111111111\","
            + "\"profile\":{\"first_name\":\"Bench\",\"last_name\":\"Mark\",\"billing.address.city\":\"Leeds\"}}").getBytes(StandardCharsets.UTF_8);
    static final byte[] META = "{\"companyId\":\"11111111-1111-4111-8111-111111111111\",\"appId\":\"bench\",\"requestId\":\"r\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void appendsWithAndWithoutCommitOrder() throws Exception {
        Path dataDir = Files.createTempDirectory("bench-commit-order");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "50").start()) {
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            pool.setMaximumPoolSize(THREADS);
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            List<String> rows = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                double ordered = appendRate(jdbc);
                jdbc.execute("ALTER TABLE DomainEventEntry DISABLE TRIGGER domain_event_entry_in_commit_order");
                jdbc.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET DEFAULT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))");
                double plain = appendRate(jdbc);
                jdbc.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex DROP DEFAULT");
                jdbc.execute("ALTER TABLE DomainEventEntry ENABLE TRIGGER domain_event_entry_in_commit_order");
                rows.add(String.format("| %d | %.0f | %.0f | %.2f |", round, ordered, plain, ordered / plain));
            }
            String table = String.format("""
                    Appends, one event per transaction, %d threads, %d s per measurement, durable embedded PostgreSQL

                    | round | commit order (V4 trigger) tx/s | plain sequence tx/s | ratio |
                    |---|---|---|---|
                    %s
                    """, THREADS, ROUND.toSeconds(), String.join("\n", rows));
            pool.close();
            System.out.println(table);
            Path out = Path.of("target", "benchmarks", "commit-order.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
        }
    }

    private static double appendRate(JdbcTemplate jdbc) throws Exception {
        AtomicLong appended = new AtomicLong();
        long end = System.nanoTime() + ROUND.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            running.add(threads.submit(() -> {
                while (System.nanoTime() < end) {
                    // what the trigger would set is given directly when it is off: the rows are the same
                    jdbc.update("""
                            INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload,
                                                          payloadRevision, payloadType, timeStamp, companyId)
                            VALUES (?, 0, 'Customer', ?, ?, ?, '1', 'org.customerprofile.api.customer.CustomerCreated',
                                    '2026-11-29T00:00:00Z', '11111111-1111-4111-8111-111111111111')""",
                            UUID.randomUUID().toString(), UUID.randomUUID().toString(), META, PAYLOAD);
                    appended.incrementAndGet();
                }
            }));
        }
        for (Future<?> thread : running) {
            thread.get();
        }
        threads.shutdown();
        return appended.get() / (double) ROUND.toSeconds();
    }
}
