package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.customerprofile.standalone.KafkaBroker;
import org.customerprofile.standalone.StandaloneApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code java -jar} to {@code /actuator/health} {@code UP} on a data directory holding {@value #DEFAULT_CUSTOMERS}
 * customers ({@code -Dbenchmark.customers}), for the jar before the start-up fill ({@code -Dbenchmark.baseline-jar=})
 * and this build's ({@code -Dstandalone.jar=}), alternately, each start on a fresh copy of one seeded directory.
 * Besides the wall time it reports the CPU time the service used to get there (its JVM and its embedded PostgreSQL's
 * processes): on a machine shared with other work the wall time follows whatever CPU share the start got.
 * The directory is seeded once by the standalone app in-process (events appended through the storage engine, so
 * encrypted as the service stores them; the reference saga caught up, as in a real store). {@code -Dbenchmark.jfr=<file>}
 * records a Flight Recorder profile of the fill jar's first start. {@code -Dbenchmark.seeded=<directory>} keeps the seeded
 * directory there and, when it already holds one, starts from it instead of seeding again.
 */
@Tag("benchmark")
class StartupBenchmark {

    static final int DEFAULT_CUSTOMERS = 100_000;
    static final int CUSTOMERS = Integer.getInteger("benchmark.customers", DEFAULT_CUSTOMERS);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    /** JVM options of each jar ({@code -Dbenchmark.jvm=}, {@code -Dbenchmark.baseline-jvm=}, space separated): a launch as the README's. */
    static final List<String> CURRENT_JVM = options(System.getProperty("benchmark.jvm", ""));
    static final List<String> BASELINE_JVM = options(System.getProperty("benchmark.baseline-jvm", ""));

    @Test
    void startToUpWithAStoreOfCustomers() throws Exception {
        Path baseline = Path.of(System.getProperty("benchmark.baseline-jar", "baseline.jar"));
        Path current = Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar"));
        String kept = System.getProperty("benchmark.seeded");
        Path seeded = kept == null ? seed() : keptSeed(Path.of(kept));
        StringBuilder table = new StringBuilder(String.format("""
                java -jar to /actuator/health UP, data directory with %,d customers (%,d events), fresh copy per start.
                Baseline = %s %s, fill = %s %s.

                | round | order | baseline: s to UP; CPU s | fill: s to UP; CPU s | baseline ÷ fill: s; CPU | load (1 min) at start: baseline, fill |
                |---|---|---|---|---|---|
                """, CUSTOMERS, CUSTOMERS, baseline, BASELINE_JVM, current, CURRENT_JVM));
        double[] totals = new double[2];
        double[] cpuTotals = new double[2];
        for (int round = 1; round <= ROUNDS; round++) {
            boolean baselineFirst = round % 2 == 1;
            double[] seconds = new double[2];
            double[] cpu = new double[2];
            String[] loads = new String[2];
            for (Path jar : baselineFirst ? List.of(baseline, current) : List.of(current, baseline)) {
                int column = jar == baseline ? 0 : 1;
                loads[column] = loadAverage();
                String recording = System.getProperty("benchmark.jfr");
                List<String> jvm = new ArrayList<>(jar == current ? CURRENT_JVM : BASELINE_JVM);
                if (jar == current && round == 1 && recording != null) {
                    jvm.add("-XX:StartFlightRecording=settings=profile,filename=" + recording);
                }
                Start start = timeToUp(jar, jvm, seeded);
                seconds[column] = start.seconds();
                cpu[column] = start.cpuSeconds();
                totals[column] += seconds[column];
                cpuTotals[column] += cpu[column];
                System.out.printf("round %d %s: %.1f s to UP, %.1f s CPU%n", round, jar, seconds[column], cpu[column]);
            }
            table.append(String.format("| %d | %s | %.1f; %.1f | %.1f; %.1f | %.2f; %.2f | %s, %s |%n", round,
                    baselineFirst ? "baseline, fill" : "fill, baseline", seconds[0], cpu[0], seconds[1], cpu[1],
                    seconds[0] / seconds[1], cpu[0] / cpu[1], loads[0], loads[1]));
        }
        table.append(String.format("| mean | | %.1f; %.1f | %.1f; %.1f | %.2f; %.2f | |%n", totals[0] / ROUNDS, cpuTotals[0] / ROUNDS,
                totals[1] / ROUNDS, cpuTotals[1] / ROUNDS, totals[0] / totals[1], cpuTotals[0] / cpuTotals[1]));
        if (Boolean.parseBoolean(System.getProperty("benchmark.kafka", "true"))) {
            table.append(kafkaCatchUp(current, seeded));
        }
        Harness.report("startup.md", table.toString());
        if (kept == null) {
            delete(seeded);
        }
    }

    private static List<String> options(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : List.of(spaceSeparated.trim().split("\\s+"));
    }

    /**
     * The Kafka publisher's catch-up on the seeded store: {@code jar} started on a fresh copy with publishing on for the
     * first time (an in-process KRaft broker), the topic's end offsets polled every 50 ms until every customer event is
     * in it; the rate from the first record seen to the last.
     */
    private static String kafkaCatchUp(Path jar, Path seeded) throws Exception {
        Path dataDir = Files.createTempDirectory("bench-startup-kafka");
        copy(seeded, dataDir);
        try (KafkaBroker broker = new KafkaBroker(dataDir.resolve("kafka"));
             Admin admin = startedAdmin(broker)) {
            String topic = "startup-catch-up";
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(CURRENT_JVM);
            command.addAll(List.of("-jar", jar.toString(), "--server.port=" + Harness.freePort(), "--customers.data-dir=" + dataDir,
                    "--customers.kafka.enabled=true", "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--customers.kafka.topic=" + topic));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("service.log").toFile()).start();
            try {
                long first = 0;
                long firstAt = 0;
                long published = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (published < CUSTOMERS && System.nanoTime() < deadline) {
                    published = BaselineComparisonBenchmark.endOffsets(admin, topic);
                    if (published > 0 && firstAt == 0) {
                        first = published;
                        firstAt = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - firstAt) / 1e9;
                return String.format("%nKafka publisher catch-up, %s: %,d events published; from the first seen (%,d) to the last %.1f s: "
                        + "**%,.0f events/s** (load average %s at the end).%n", jar, published, first, seconds, (published - first) / seconds, loadAverage());
            } finally {
                process.destroy();
                process.waitFor();
            }
        } finally {
            delete(dataDir);
        }
    }

    private static Admin startedAdmin(KafkaBroker broker) throws Exception {
        broker.start();
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /** {@code directory} as a seeded data directory: seeded into it first when it is missing. */
    private static Path keptSeed(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            Path seeded = seed();
            copy(seeded, directory);
            delete(seeded);
        }
        return directory;
    }

    /** A data directory with {@link #CUSTOMERS} customers, written by the app in-process and stopped. */
    private static Path seed() throws Exception {
        Path dataDir = Files.createTempDirectory("bench-startup-seed");
        long started = System.nanoTime();
        // the master key in the directory (as a user's run keeps it), not the test profile's: the jars read it there
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class).profiles("test", "benchmark")
                .run("--server.port=0", "--customers.data-dir=" + dataDir, "--customers.encryption.master-key=")) {
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            // the projection's volatile read model dies with this run: not kept up meanwhile, to seed faster
            processing.eventProcessor("customer-projection").ifPresent(EventProcessor::shutDown);
            Harness.appendCustomers(app.getBean(EventStorageEngine.class), Harness.COMPANY_1, CUSTOMERS);
            long head = new JdbcTemplate(app.getBean(javax.sql.DataSource.class)).queryForObject(
                    "SELECT coalesce(max(globalIndex), 0) FROM DomainEventEntry", Long.class);
            // the other processors (the reference saga) have tokens that survive: caught up, as in a store in use
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> processing.eventProcessors().values().stream()
                    .filter(processor -> processor instanceof StreamingEventProcessor && !processor.getName().equals("customer-projection"))
                    .allMatch(processor -> head == 0 || caughtUpTo(((StreamingEventProcessor) processor).processingStatus(), head)));
        }
        System.out.printf("seeded %,d customers in %.0f s%n", CUSTOMERS, (System.nanoTime() - started) / 1e9);
        return dataDir;
    }

    private static boolean caughtUpTo(Map<Integer, EventTrackerStatus> segments, long head) {
        return !segments.isEmpty() && segments.values().stream()
                .allMatch(status -> status.isCaughtUp() && status.getCurrentPosition().orElse(-1) >= head);
    }

    /** Seconds from {@code java -jar} to health {@code UP}, and the CPU seconds the service used until then. */
    record Start(double seconds, double cpuSeconds) {
    }

    /** {@code java -jar} to health {@code UP} on a fresh copy of {@code seeded}. */
    private static Start timeToUp(Path jar, List<String> jvm, Path seeded) throws Exception {
        Path dataDir = Files.createTempDirectory("bench-startup");
        copy(seeded, dataDir);
        int port = Harness.freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--customers.data-dir=" + dataDir));
        Path log = Files.createTempFile("bench-startup", ".log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String health = "http://localhost:" + port + "/actuator/health";
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .failFast("the service exited", () -> !process.isAlive())
                        .until(() -> Harness.send(HttpRequest.newBuilder(URI.create(health)), 200).contains("\"UP\""));
            } catch (RuntimeException | AssertionError notUp) {
                try (Stream<String> lines = Files.lines(log)) {
                    List<String> all = lines.toList();
                    System.out.println("the service did not come up; the end of its log:");
                    all.subList(Math.max(0, all.size() - 60), all.size()).forEach(System.out::println);
                }
                if (process.isAlive()) {
                    // where it hangs
                    new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print").inheritIO().start().waitFor();
                }
                throw notUp;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = Harness.cpuOf(process, dataDir).toNanos() / 1e9;
            try (Stream<String> lines = Files.lines(log)) {
                lines.filter(line -> line.contains("customer read model fill")).forEach(System.out::println);
            }
            return new Start(seconds, cpu);
        } finally {
            process.destroy();
            process.waitFor();
            delete(dataDir);
            Files.delete(log);
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Path target = to.resolve(from.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                        // PostgreSQL refuses a data directory others may read
                        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                    } else {
                        Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
