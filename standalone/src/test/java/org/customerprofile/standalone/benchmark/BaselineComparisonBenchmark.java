package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.customerprofile.standalone.KafkaBroker;
import org.customerprofile.standalone.benchmark.CreateVersusStoreBenchmark.Row;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's figures for this build's jar against the baseline's (commit 0b39936, built from a {@code git
 * archive} of it), each jar run as its own {@code java -jar} process on a fresh data directory with the durable
 * embedded default, alternately in the same run: round 1 baseline then this, round 2 this then baseline, ...
 * The machine is shared, so only ratios within a round mean much; every round is reported.
 *
 * <p>Per jar and round: start to {@code UP} on an empty data directory and resident memory idle after it;
 * creates with a reference (read-your-writes on) and, on the same PostgreSQL, a raw JDBC loop inserting the same
 * two event rows per transaction; {@code GET /v1/customers/{id}}; the feed against raw JDBC of the same rows;
 * projection lag at half the create rate just measured; open event streams (database commits a second with and
 * without them, memory per idle stream, event → client latency); a restart with the customers created, to
 * {@code UP}; a restart with Kafka publishing on for the first time, whose catch-up on every event is timed.
 *
 * <p>{@code -Dbenchmark.baseline-jar=} and {@code -Dstandalone.jar=} name the jars ({@code -Dbenchmark.baseline-label},
 * {@code -Dbenchmark.label} their columns); {@code -Dbenchmark.baseline-jvm=} and {@code -Dbenchmark.jvm=} add JVM
 * options (space separated) to each, so the same jar with and without a flag can be compared too.
 * {@code -Dbenchmark.seconds=} is the length of each measured load phase, {@code -Dbenchmark.warmup=} the load before
 * the creates and the {@code GET}s are measured.
 */
@Tag("benchmark")
class BaselineComparisonBenchmark {

    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    static final Duration PHASE = Harness.seconds("benchmark.seconds", 8);
    /**
     * Load before the measured creates and before the measured {@code GET}s, so the JIT compilers have compiled
     * their paths: with the default, C2 still takes a fifth of a {@code GET}'s CPU on two cores; with 60 it is quiet.
     */
    static final Duration WARMUP = Harness.seconds("benchmark.warmup", 10);
    static final int STREAMS = Integer.getInteger("benchmark.streams", 1000);
    static final int FEED_PAGE = 1000;
    static final Pattern CUSTOMER_ID = Pattern.compile("\"customer_id\":\"([^\"]+)\"");
    static final Pattern CREATED = Pattern.compile("\"created\":\"([^\"]+)\"");
    static final Pattern OCCURRED = Pattern.compile("\"occurred_at\":\"([^\"]+)\"");
    static final Pattern NEXT = Pattern.compile("\"next\":\"(\\d+)\"");
    /** Numbers references across phases, services and rounds. */
    private static final AtomicLong REFERENCES = new AtomicLong();
    private static final HttpClient STREAM_CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The figures, in report order: name, unit, and whether more is better. */
    enum Figure {
        UP_EMPTY("java -jar to UP, empty data dir", "s", false),
        RSS_IDLE("JVM RSS idle 5 s after UP", "MB", false),
        RSS_SETTLED("JVM RSS idle 20 s after UP", "MB", false),
        CREATE("creates with reference, 8 threads", "req/s", true),
        CREATE_P99("create p99", "ms", false),
        RAW_INSERT("raw JDBC 2-row insert loop, 8 threads", "tx/s", true),
        CREATE_VS_RAW("creates ÷ raw 2-row inserts", "", true),
        GET("GET /v1/customers/{id}, 8 threads", "req/s", true),
        FEED("feed, pages of 1000, 1 client", "events/s", true),
        FEED_RAW("raw JDBC of the same page query", "rows/s", true),
        FEED_VS_RAW("feed ÷ raw JDBC", "", true),
        LAG_RATE("creates/s driven for the lag (half the create rate)", "req/s", true),
        LAG_P50("lag event → 201 (read-your-writes) p50", "ms", false),
        LAG_P99("lag event → 201 (read-your-writes) p99", "ms", false),
        COMMITS_IDLE("PostgreSQL commits/s, idle, no streams", "/s", false),
        COMMITS_STREAMS("PostgreSQL commits/s, streams open", "/s", false),
        STREAM_MEMORY("RSS per idle stream", "KB", false),
        STREAM_P99("event → client p99 over all streams", "ms", false),
        STREAM_DELIVERED("deliveries received ÷ expected", "", true),
        CUSTOMERS("customers in the store at restart", "", true),
        UP_WITH_DATA("java -jar to UP with those customers", "s", false),
        KAFKA("Kafka publisher catch-up", "events/s", true);

        final String label;
        final String unit;
        final boolean moreIsBetter;

        Figure(String label, String unit, boolean moreIsBetter) {
            this.label = label;
            this.unit = unit;
            this.moreIsBetter = moreIsBetter;
        }
    }

    @Test
    void thisBuildAgainstTheBaseline() throws Exception {
        Jar baseline = new Jar(System.getProperty("benchmark.baseline-label", "baseline 0b39936"),
                Path.of(System.getProperty("benchmark.baseline-jar", "/tmp/perf-jars/baseline-0b39936.jar")),
                options(System.getProperty("benchmark.baseline-jvm", "")));
        Jar current = new Jar(System.getProperty("benchmark.label", "this build"),
                Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar")),
                options(System.getProperty("benchmark.jvm", "")));
        Path kafkaDir = Files.createTempDirectory("bench-kafka");
        List<Map<Figure, Double>> baselineRounds = new ArrayList<>();
        List<Map<Figure, Double>> currentRounds = new ArrayList<>();
        try (KafkaBroker broker = new KafkaBroker(kafkaDir)) {
            broker.start();
            for (int round = 1; round <= ROUNDS; round++) {
                boolean baselineFirst = round % 2 == 1;
                for (Jar jar : baselineFirst ? List.of(baseline, current) : List.of(current, baseline)) {
                    Map<Figure, Double> figures = measure(jar, round, broker);
                    (jar == baseline ? baselineRounds : currentRounds).add(figures);
                    System.out.println("round " + round + " " + jar.label() + ": " + figures);
                }
            }
        }
        StringBuilder table = new StringBuilder(String.format("""
                %s (A, %s %s) against %s (B, %s %s), alternately (round 1 A then B, round 2 B then A, ...), each on a fresh data
                directory, durable embedded PostgreSQL, read-your-writes on; %d s per load phase after %d s of warm-up, %d streams.

                | figure | round | A | B | B ÷ A |
                |---|---|---|---|---|
                """, baseline.label(), baseline.path(), baseline.jvm(), current.label(), current.path(), current.jvm(), PHASE.toSeconds(), WARMUP.toSeconds(), STREAMS));
        for (Figure figure : Figure.values()) {
            double sumA = 0;
            double sumB = 0;
            for (int round = 0; round < ROUNDS; round++) {
                double a = baselineRounds.get(round).getOrDefault(figure, Double.NaN);
                double b = currentRounds.get(round).getOrDefault(figure, Double.NaN);
                sumA += a;
                sumB += b;
                table.append(String.format("| %s%s | %d | %s | %s | %.2f |%n", figure.label, figure.unit.isEmpty() ? "" : " (" + figure.unit + ")",
                        round + 1, number(a), number(b), b / a));
            }
            table.append(String.format("| **%s** | mean | **%s** | **%s** | **%.2f** |%n", figure.label, number(sumA / ROUNDS), number(sumB / ROUNDS),
                    sumB / sumA));
        }
        Harness.report("baseline-comparison.md", table.toString());
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format("%,.0f", value) : String.format("%.3g", value);
    }

    private static List<String> options(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }

    /** Every figure of one jar in one round, in a data directory of its own. */
    private static Map<Figure, Double> measure(Jar jar, int round, KafkaBroker broker) throws Exception {
        Map<Figure, Double> figures = new LinkedHashMap<>();
        Path dataDir = Files.createTempDirectory("bench-perf");
        Service service = Service.start(jar, dataDir, List.of());
        try {
            figures.put(Figure.UP_EMPTY, service.upSeconds());
            Thread.sleep(5_000);
            figures.put(Figure.RSS_IDLE, service.rssKilobytes() / 1024.0);
            Thread.sleep(15_000); // a JVM told to give memory back when idle (jvm.options) has done so by now
            figures.put(Figure.RSS_SETTLED, service.rssKilobytes() / 1024.0);

            Harness.load(Harness.THREADS, WARMUP, service::create);
            Result creates = Harness.load(Harness.THREADS, PHASE, service::create);
            figures.put(Figure.CREATE, creates.perSecond());
            figures.put(Figure.CREATE_P99, creates.p99());
            List<Row> rows = List.of(service.latest("%.CustomerCreated"), service.latest("%.ReferenceClaimed"));
            Result raw = Harness.load(Harness.THREADS, PHASE, n -> service.insert(rows));
            figures.put(Figure.RAW_INSERT, raw.perSecond());
            figures.put(Figure.CREATE_VS_RAW, creates.perSecond() / raw.perSecond());
            service.deleteCopies();

            Harness.load(Harness.THREADS, WARMUP, service::read);
            figures.put(Figure.GET, Harness.load(Harness.THREADS, PHASE, service::read).perSecond());

            long feedEvents = service.readWholeFeed(); // warm-up
            long feedStart = System.nanoTime();
            long read = 0;
            while (System.nanoTime() - feedStart < PHASE.toNanos()) {
                read += service.readWholeFeed();
            }
            figures.put(Figure.FEED, read / ((System.nanoTime() - feedStart) / 1e9));
            long rawStart = System.nanoTime();
            long rawRead = 0;
            while (System.nanoTime() - rawStart < PHASE.toNanos()) {
                rawRead += service.readWholeFeedRaw();
            }
            figures.put(Figure.FEED_RAW, rawRead / ((System.nanoTime() - rawStart) / 1e9));
            figures.put(Figure.FEED_VS_RAW, figures.get(Figure.FEED) / figures.get(Figure.FEED_RAW));
            System.out.println(jar.label() + ": feed of " + feedEvents + " events");

            double rate = creates.perSecond() / 2;
            List<Long> lags = new CopyOnWriteArrayList<>();
            Result driven = Harness.atRate(rate, 4 * Harness.THREADS, Duration.ofSeconds(10), n -> lags.add(service.createTimingLag()));
            long[] sortedLags = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            figures.put(Figure.LAG_RATE, driven.perSecond());
            figures.put(Figure.LAG_P50, (double) Harness.percentile(sortedLags, 0.50));
            figures.put(Figure.LAG_P99, (double) Harness.percentile(sortedLags, 0.99));

            streams(service, figures);

            figures.put(Figure.CUSTOMERS, (double) service.customerEvents());
        } finally {
            service.close();
        }
        long events;
        try (Service restarted = Service.start(jar, dataDir, List.of())) {
            figures.put(Figure.UP_WITH_DATA, restarted.upSeconds());
            events = restarted.customerEvents();
        }
        System.out.println("round " + round + " " + jar.label() + " so far: " + figures);
        try {
            kafkaCatchUp(jar, round, broker, dataDir, events, figures);
        } catch (Exception | AssertionError failed) {
            // a start that did not come up in time on a saturated machine: the other figures stand
            System.out.println(jar.label() + ": no Kafka figure: " + failed);
        }
        return figures;
    }

    /** Starts {@code jar} on {@code dataDir} with the Kafka publisher on for the first time and times its catch-up. */
    private static void kafkaCatchUp(Jar jar, int round, KafkaBroker broker, Path dataDir, long events, Map<Figure, Double> figures)
            throws Exception {
        String topic = "perf-" + round + "-" + (jar.label().hashCode() & 0xffff);
        Service publishing = Service.start(jar, dataDir, List.of("--customers.kafka.enabled=true",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--customers.kafka.topic=" + topic));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            long firstAt = 0;
            long firstCount = 0;
            long published = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (published < events && System.nanoTime() < deadline) {
                published = endOffsets(admin, topic);
                if (published > 0 && firstAt == 0) {
                    firstAt = System.nanoTime();
                    firstCount = published;
                }
                Thread.sleep(50);
            }
            // a backlog published whole between two polls (50 ms) gives no rate: NaN rather than a made-up one
            figures.put(Figure.KAFKA, published == firstCount ? Double.NaN : (published - firstCount) / ((System.nanoTime() - firstAt) / 1e9));
            System.out.println(jar.label() + ": Kafka published " + published + " of " + events);
        } finally {
            publishing.close();
        }
    }

    /** Every record in {@code topic}: the sum of its partitions' end offsets (0 while it does not exist). */
    static long endOffsets(Admin admin, String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).values().stream().mapToLong(info -> info.offset()).sum();
        } catch (Exception notYet) {
            return 0;
        }
    }

    /**
     * {@link #STREAMS} event streams of one company: PostgreSQL's commits a second before and with them open,
     * resident memory per idle stream, then 20 creates at 4 a second and every delivery's event → client latency.
     */
    private static void streams(Service service, Map<Figure, Double> figures) throws Exception {
        Thread.sleep(2_000);
        figures.put(Figure.COMMITS_IDLE, service.commitsPerSecond(Duration.ofSeconds(5)));
        long rssBefore = service.rssKilobytes();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> opened = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            opened.add(STREAM_CLIENT.sendAsync(Harness.get(service.base(), "/v1/events/stream", service.token()).build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Deliveries(latencies))));
            Thread.sleep(2);
        }
        try {
            Thread.sleep(5_000);
            figures.put(Figure.STREAM_MEMORY, (double) (service.rssKilobytes() - rssBefore) / STREAMS);
            figures.put(Figure.COMMITS_STREAMS, service.commitsPerSecond(Duration.ofSeconds(5)));
            int creates = 20;
            for (int i = 0; i < creates; i++) {
                service.create(i);
                Thread.sleep(250);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> latencies.size() >= (long) creates * STREAMS);
        } catch (Exception | AssertionError short_) {
            System.out.println("streams: " + latencies.size() + " deliveries of " + 20L * STREAMS + ": " + short_);
        } finally {
            opened.forEach(stream -> stream.cancel(true));
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        figures.put(Figure.STREAM_P99, (double) Harness.percentile(sorted, 0.99));
        figures.put(Figure.STREAM_DELIVERED, sorted.length / (20.0 * STREAMS));
    }

    /** An event stream's lines: each {@code data:} line's latency from its event's {@code occurred_at}, in ms. */
    private record Deliveries(ConcurrentLinkedQueue<Long> latencies) implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                Matcher occurred = OCCURRED.matcher(line);
                if (occurred.find()) {
                    latencies.add(System.currentTimeMillis() - Instant.parse(occurred.group(1)).toEpochMilli());
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** A jar to run, with the JVM options to run it with. */
    record Jar(String label, Path path, List<String> jvm) {
    }

    /** One jar running as its own process on a data directory, with the ids of the customers it created. */
    private record Service(Process process, Path dataDir, String base, String token, double upSeconds, List<String> ids, HikariDataSource pool)
            implements AutoCloseable {

        static Service start(Jar jar, Path dataDir, List<String> extra) throws Exception {
            int port = Harness.freePort();
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(jar.jvm());
            command.addAll(List.of("-jar", jar.path().toString(),
                    "--server.port=" + port, "--customers.data-dir=" + dataDir,
                    "--customers.security.apps[0].app-id=company1",
                    "--customers.security.apps[0].app-key=key-of-company-one-0000000000000",
                    "--customers.security.apps[0].company-id=" + Harness.COMPANY_1,
                    // the per-app limits would cap the load this measures (the baseline has neither)
                    "--customers.rate-limits.api.capacity=1000000", "--customers.rate-limits.api.refill-per-second=1000000",
                    "--customers.events.max-streams-per-app=" + (STREAMS + 10)));
            command.addAll(extra);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile())).start();
            String base = "http://localhost:" + port;
            try {
                await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> Harness.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")), 200).contains("\"UP\""));
                double up = (System.nanoTime() - started) / 1e9;
                HikariDataSource pool = new HikariDataSource();
                pool.setJdbcUrl(jdbcUrl(dataDir));
                pool.setUsername("postgres");
                pool.setMaximumPoolSize(Harness.THREADS);
                return new Service(process, dataDir, base, Harness.loginCompany1(base), up, new CopyOnWriteArrayList<>(), pool);
            } catch (Exception | AssertionError notStarted) {
                process.destroyForcibly().waitFor();
                throw notStarted;
            }
        }

        void create(long n) throws Exception {
            ids.add(Harness.createBenchmarkCustomer(base, token, REFERENCES.incrementAndGet()));
        }

        /**
         * Creates a customer; ms from its event's timestamp (the read model's {@code created}, fetched after) to its
         * {@code 201}, which read-your-writes holds until the projection has applied the event.
         */
        long createTimingLag() throws Exception {
            String body = Harness.send(Harness.post(base, "/v1/customers", token, """
                    {"reference": "bench_%d", "first_name": "Bench", "last_name": "Mark"}""".formatted(REFERENCES.incrementAndGet())), 201);
            long answered = System.currentTimeMillis();
            Matcher id = CUSTOMER_ID.matcher(body);
            if (!id.find()) {
                throw new IllegalStateException("no customer_id in " + body);
            }
            Matcher created = CREATED.matcher(Harness.send(Harness.get(base, "/v1/customers/" + id.group(1), token), 200));
            if (!created.find()) {
                throw new IllegalStateException("no created for " + id.group(1));
            }
            return answered - Instant.parse(created.group(1)).toEpochMilli();
        }

        void read(long n) throws Exception {
            Harness.send(Harness.get(base, "/v1/customers/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), token), 200);
        }

        /** The company's whole feed, page after page; the number of events read. */
        long readWholeFeed() throws Exception {
            long after = 0;
            long events = 0;
            while (true) {
                String page = Harness.send(Harness.get(base, "/v1/events?after=" + after + "&limit=" + FEED_PAGE, token), 200);
                int count = page.split("\"event_id\"", -1).length - 1;
                events += count;
                Matcher next = NEXT.matcher(page);
                if (count < FEED_PAGE || !next.find()) {
                    return events;
                }
                after = Long.parseLong(next.group(1));
            }
        }

        /** The same pages' rows by raw JDBC ({@link Harness#FEED_ROWS}), each column read as bytes; the number of rows. */
        long readWholeFeedRaw() throws Exception {
            try (Connection connection = connect(); PreparedStatement page = connection.prepareStatement(Harness.FEED_ROWS)) {
                long after = 0;
                long rows = 0;
                while (true) {
                    page.setString(1, Harness.COMPANY_1.toString());
                    page.setLong(2, after);
                    page.setInt(3, FEED_PAGE);
                    int count = 0;
                    try (ResultSet result = page.executeQuery()) {
                        while (result.next()) {
                            count++;
                            after = result.getLong(1);
                            for (int column = 2; column <= 10; column++) {
                                result.getBytes(column);
                            }
                        }
                    }
                    rows += count;
                    if (count < FEED_PAGE) {
                        return rows;
                    }
                }
            }
        }

        /** Commits a second in the service's database over {@code window}. */
        double commitsPerSecond(Duration window) throws Exception {
            long before = commits();
            long started = System.nanoTime();
            Thread.sleep(window.toMillis());
            return (commits() - before - 2) / ((System.nanoTime() - started) / 1e9);
        }

        private long commits() throws Exception {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = 'postgres'")) {
                row.next();
                return row.getLong(1);
            }
        }

        long customerEvents() throws Exception {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT count(*) FROM DomainEventEntry WHERE type = 'Customer'")) {
                row.next();
                return row.getLong(1);
            }
        }

        /** The newest row of a payload type; its type gets a suffix no class has, so the processors skip the copies. */
        Row latest(String payloadType) throws Exception {
            try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                    "SELECT type, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry WHERE payloadType LIKE ? "
                            + "ORDER BY globalIndex DESC LIMIT 1")) {
                select.setString(1, payloadType);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new Row(row.getString(1), row.getString(2) + "$Copy", row.getString(3), row.getBytes(4), row.getBytes(5));
                }
            }
        }

        /** Removes the raw loop's rows: the processors have passed them, the feed and the Kafka publisher would fail on them. */
        void deleteCopies() throws Exception {
            Thread.sleep(2_000);
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM DomainEventEntry WHERE payloadType LIKE '%$Copy'");
            }
        }

        /** One transaction appending {@code rows} as Axon's JDBC engine does (the same loop as CreateVersusStoreBenchmark's). */
        void insert(List<Row> rows) throws Exception {
            CreateVersusStoreBenchmark.insert(pool, rows);
        }

        /** A connection to the service's embedded PostgreSQL (its port is in postmaster.pid). */
        Connection connect() throws Exception {
            return pool.getConnection();
        }

        static String jdbcUrl(Path dataDir) throws Exception {
            List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
            return "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres";
        }

        long rssKilobytes() throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no VmRSS");
        }

        @Override
        public void close() throws Exception {
            pool.close();
            process.destroy();
            process.waitFor();
        }
    }
}
