package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cost of encrypting personal values: create, {@code GET /v1/customers/{id}} and feed throughput of this
 * build's jar (encryption) against the jar of the release before it (none), both running side by side on
 * fresh data directories with the durable embedded default, measured in interleaved rounds (A B, B A, A B).
 * Run after {@code package}, with {@code -Dbenchmark.baseline-jar=} the earlier release's jar; {@code -Dbenchmark.jfr=<file>}
 * records a Flight Recorder profile of the encrypting service.
 *
 * <p>Besides the rates it reports the CPU time each service spent per request (the JVM and its embedded
 * PostgreSQL's processes, read from the operating system around each phase): on a machine shared with other
 * work the rates follow whatever CPU share each process happened to get, while the CPU a request costs does
 * not, so {@code without ÷ with} of CPU per request is the throughput ratio the two would have on their own.
 */
@Tag("benchmark")
class EncryptionCostBenchmark {

    static final Duration PHASE = Harness.seconds("benchmark.seconds", 5);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final int FEED_PAGE = 100;

    /** Numbers references across phases and services: a load loop's own numbering restarts at 1. */
    private static final AtomicLong REFERENCES = new AtomicLong();

    @Test
    void createReadAndFeedWithAndWithoutEncryption() throws Exception {
        Path baselineJar = Path.of(System.getProperty("benchmark.baseline-jar", "baseline.jar"));
        Path encryptingJar = Path.of(System.getProperty("standalone.jar", "target/customer-profile-service.jar"));
        String recording = System.getProperty("benchmark.jfr");
        List<String> profiled = recording == null ? List.of() : List.of("-XX:StartFlightRecording=settings=profile,filename=" + recording);
        try (Service without = Service.start(baselineJar, List.of()); Service with = Service.start(encryptingJar, profiled)) {
            for (Service service : List.of(without, with)) {
                Harness.load(Harness.THREADS, Duration.ofSeconds(15), service::create); // until the JIT has compiled the hot paths
                while (service.ids().size() < 2 * FEED_PAGE) {
                    // a loaded machine may create fewer in the warm-up than the feed pages from a random point need
                    Harness.load(Harness.THREADS, PHASE, service::create);
                }
                Harness.load(Harness.THREADS, PHASE, service::read);
                Harness.load(Harness.THREADS, PHASE, service::readFeed);
            }
            StringBuilder table = new StringBuilder(String.format("""
                    Cost of encryption: %d client threads, %d s per phase, durable embedded PostgreSQL; feed pages of %d events
                    (events/s = pages/s × %d). Without = %s, with = %s.

                    | round | order | phase | without: req/s, p50, p99 (ms); CPU ms/req | with: req/s, p50, p99 (ms); CPU ms/req | req/s with ÷ without | CPU/req without ÷ with |
                    |---|---|---|---|---|---|---|
                    """, Harness.THREADS, PHASE.toSeconds(), FEED_PAGE, FEED_PAGE, baselineJar, encryptingJar));
            double[][] totals = new double[3][2];
            double[][] cpu = new double[3][2];
            long[][] requests = new long[3][2];
            String[] phases = {"create", "GET", "feed"};
            for (int round = 1; round <= ROUNDS; round++) {
                boolean withoutFirst = round % 2 == 1;
                Result[][] results = new Result[3][2];
                double[][] cpuMillis = new double[3][2];
                for (Service service : withoutFirst ? List.of(without, with) : List.of(with, without)) {
                    int column = service == without ? 0 : 1;
                    List<Harness.Task> phaseTasks = List.of(service::create, service::read, service::readFeed);
                    for (int phase = 0; phase < 3; phase++) {
                        Duration cpuBefore = service.cpu();
                        results[phase][column] = Harness.load(Harness.THREADS, PHASE, phaseTasks.get(phase));
                        cpuMillis[phase][column] = service.cpu().minus(cpuBefore).toNanos() / 1e6;
                        cpu[phase][column] += cpuMillis[phase][column];
                        requests[phase][column] += results[phase][column].sortedNanos().length;
                    }
                }
                for (int phase = 0; phase < 3; phase++) {
                    double scale = phase == 2 ? FEED_PAGE : 1;
                    totals[phase][0] += results[phase][0].perSecond() * scale;
                    totals[phase][1] += results[phase][1].perSecond() * scale;
                    double cpuWithout = cpuMillis[phase][0] / results[phase][0].sortedNanos().length;
                    double cpuWith = cpuMillis[phase][1] / results[phase][1].sortedNanos().length;
                    table.append(String.format("| %d | %s | %s | %s; %.2f | %s; %.2f | %.2f | %.2f |%n", round, withoutFirst ? "A B" : "B A", phases[phase],
                            results[phase][0], cpuWithout, results[phase][1], cpuWith,
                            results[phase][1].perSecond() / results[phase][0].perSecond(), cpuWithout / cpuWith));
                }
            }
            for (int phase = 0; phase < 3; phase++) {
                double cpuWithout = cpu[phase][0] / requests[phase][0];
                double cpuWith = cpu[phase][1] / requests[phase][1];
                table.append(String.format("| mean | | %s | %,.0f %s/s; %.2f | %,.0f %s/s; %.2f | %.2f | %.2f |%n", phases[phase], totals[phase][0] / ROUNDS,
                        phase == 2 ? "events" : "req", cpuWithout, totals[phase][1] / ROUNDS, phase == 2 ? "events" : "req", cpuWith,
                        totals[phase][1] / totals[phase][0], cpuWithout / cpuWith));
            }
            Harness.report("encryption-cost.md", table.toString());
        }
    }

    /** One jar running as its own process on a fresh data directory, with the ids of the customers it created. */
    private record Service(Process process, Path dataDir, String base, String token, List<String> ids) implements AutoCloseable {

        private static final Pattern NEXT = Pattern.compile("\"next\":\"(\\d+)\"");

        static Service start(Path jar, List<String> jvmOptions) throws Exception {
            Path dataDir = Files.createTempDirectory("bench-encryption");
            int port = Harness.freePort();
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString(),
                    "--server.port=" + port, "--customers.data-dir=" + dataDir,
                    "--customers.security.apps[0].app-id=company1",
                    "--customers.security.apps[0].app-key=key-of-company-one-0000000000000",
                    "--customers.security.apps[0].company-id=" + Harness.COMPANY_1,
                    // the per-app rate limit would cap the load this measures
                    "--customers.rate-limits.api.capacity=1000000", "--customers.rate-limits.api.refill-per-second=1000000"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("service.log").toFile()).start();
            String base = "http://localhost:" + port;
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> Harness.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")), 200).contains("\"UP\""));
                return new Service(process, dataDir, base, Harness.loginCompany1(base), new CopyOnWriteArrayList<>());
            } catch (Exception | AssertionError notStarted) {
                process.destroyForcibly().waitFor();
                throw notStarted;
            }
        }

        void create(long n) throws Exception {
            ids.add(Harness.createBenchmarkCustomer(base, token, REFERENCES.incrementAndGet()));
        }

        void read(long n) throws Exception {
            Harness.send(Harness.get(base, "/v1/customers/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), token), 200);
        }

        /** A page of the feed from a random point of the events written so far (one event per customer created). */
        void readFeed(long n) throws Exception {
            long after = ThreadLocalRandom.current().nextLong(Math.max(1, ids.size() - FEED_PAGE));
            String page = Harness.send(Harness.get(base, "/v1/events?after=" + after + "&limit=" + FEED_PAGE, token), 200);
            Matcher next = NEXT.matcher(page);
            if (!next.find() || Long.parseLong(next.group(1)) < after + FEED_PAGE) {
                throw new IllegalStateException("a short feed page after " + after);
            }
        }

        /** The CPU time used so far by the service and its embedded PostgreSQL. */
        Duration cpu() {
            return Harness.cpuOf(process, dataDir);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }
}
