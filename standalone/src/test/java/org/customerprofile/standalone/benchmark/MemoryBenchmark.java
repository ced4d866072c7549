package org.customerprofile.standalone.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Resident memory of the packaged service ({@code java -jar}, no JVM options, as the README starts it):
 * the JVM alone, and with its embedded PostgreSQL's processes — as the sum of their RSS (counts memory
 * they share, such as shared buffers, once per process) and of their PSS (shares it out). Idle after
 * start, at its peak during a mixed load of creates and reads, and idle again after it.
 * Needs {@code ./mvnw -B -o -pl standalone -am -DskipTests package} first.
 */
@Tag("benchmark")
class MemoryBenchmark {

    static final Path JAR = Path.of("target", "customer-profile-service.jar");
    static final Duration LOAD = Harness.seconds("benchmark.seconds", 60);
    static final Pattern CUSTOMER_ID = Pattern.compile("\"customer_id\":\"([^\"]+)\"");

    /** Kilobytes of one moment: JVM RSS, RSS of the JVM and its descendants, PSS of the same. */
    record Sample(long jvmRss, long allRss, long allPss) {
        /** The JVM and the PostgreSQL server (pg_ctl daemonises it, so it is not the JVM's child) with its backends. */
        static Sample of(ProcessHandle jvm, Path dataDir) {
            List<ProcessHandle> all = Stream.concat(Stream.of(jvm), postgres(dataDir)).toList();
            return new Sample(kilobytes(jvm, "status", "VmRSS"), all.stream().mapToLong(p -> kilobytes(p, "status", "VmRSS")).sum(),
                    all.stream().mapToLong(p -> kilobytes(p, "smaps_rollup", "Pss")).sum());
        }

        static Stream<ProcessHandle> postgres(Path dataDir) {
            try {
                long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
                return ProcessHandle.of(pid).stream().flatMap(server -> Stream.concat(Stream.of(server), server.descendants()));
            } catch (Exception notRunning) {
                return Stream.empty();
            }
        }

        Sample max(Sample other) {
            return new Sample(Math.max(jvmRss, other.jvmRss), Math.max(allRss, other.allRss), Math.max(allPss, other.allPss));
        }

        String row(String what) {
            return String.format("| %s | %,d | %,d | %,d |%n", what, jvmRss / 1024, allRss / 1024, allPss / 1024);
        }
    }

    @Test
    void residentMemoryIdleAndUnderLoad() throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " missing: run ./mvnw -B -o -pl standalone -am -DskipTests package first");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = Path.of("target", "benchmarks", "memory-service.log");
        Files.createDirectories(log.getParent());
        Path dataDir = Files.createTempDirectory("bench-memory");
        Process service = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString(),
                "--server.port=" + port, "--customers.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = "http://localhost:" + port;
            awaitUp(base);
            Thread.sleep(10_000);
            Sample idle = Sample.of(service.toHandle(), dataDir);

            String token = Harness.login(base, "demo0001", "demo-key-0000-0000-0000-00000000");
            List<String> ids = new CopyOnWriteArrayList<>();
            String first = Harness.send(Harness.post(base, "/v1/customers", token, "{\"first_name\": \"Bench\"}"), 201);
            ids.add(id(first));
            Sample[] peak = {idle};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = peak[0].max(Sample.of(service.toHandle(), dataDir));
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            // half the requests create a customer (with a reference), the others read one or, one in ten, the list's first page
            Harness.Result load = Harness.load(Harness.THREADS, LOAD, n -> {
                if (n % 2 == 0) {
                    ids.add(id(Harness.send(Harness.post(base, "/v1/customers", token,
                            "{\"first_name\": \"Bench\", \"last_name\": \"Mark\", \"reference\": \"mem_" + n + "\"}"), 201)));
                } else if (n % 10 == 1) {
                    Harness.send(Harness.get(base, "/v1/customers?limit=25", token), 200);
                } else {
                    Harness.send(Harness.get(base, "/v1/customers/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), token), 200);
                }
            });
            sampler.interrupt();
            sampler.join();
            Sample underLoad = Sample.of(service.toHandle(), dataDir);
            Thread.sleep(10_000);
            Sample after = Sample.of(service.toHandle(), dataDir);

            String table = String.format("""
                    Resident memory of `java -jar customer-profile-service.jar` (no JVM options: default heap sizing on a %d GB, %d-core machine), MB.
                    Load: %d client threads for %d s; half the requests create a customer with a reference, the others read one (one in
                    ten reads the list's first page): %,.0f req/s, p50 %.1f ms, p99 %.1f ms; %,d customers at the end. Embedded PostgreSQL: %d processes.

                    | when | JVM RSS | JVM + PostgreSQL, sum of RSS | JVM + PostgreSQL, sum of PSS |
                    |---|---|---|---|
                    """, physicalGigabytes(), Runtime.getRuntime().availableProcessors(),
                    Harness.THREADS, LOAD.toSeconds(), load.perSecond(), load.p50(), load.p99(), ids.size(), Sample.postgres(dataDir).count())
                    + idle.row("idle, 10 s after `UP`") + peak[0].row("peak during the load (sampled every 0.5 s)")
                    + underLoad.row("at the end of the load") + after.row("idle again, 10 s later");
            Harness.report("memory.md", table);
        } finally {
            service.destroy();
            if (!service.waitFor(60, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    private static void awaitUp(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Harness.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")), 200).contains("\"UP\"")) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening, or not UP yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the service did not report UP within 5 minutes");
    }

    private static String id(String body) {
        Matcher id = CUSTOMER_ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no customer_id in " + body);
        }
        return id.group(1);
    }

    private static long kilobytes(ProcessHandle process, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), file))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception gone) {
            // the process ended between listing and reading
        }
        return 0;
    }

    private static long physicalGigabytes() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 30;
    }
}
