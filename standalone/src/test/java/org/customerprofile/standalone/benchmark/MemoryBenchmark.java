package org.customerprofile.standalone.benchmark;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Resident memory of the packaged service ({@code java -jar}): the JVM alone, and with its embedded
 * PostgreSQL's processes — as the sum of their RSS (counts memory they share, such as shared buffers, once
 * per process) and of their PSS (shares it out). {@link #residentMemoryIdleAndUnderLoad} runs it with no JVM
 * options: idle after start, at its peak during a mixed load of creates and reads, and idle again after it.
 * {@link #residentMemoryReturnsToIdleAfterAHostileRun} runs it as the README starts it (its heap bound) through
 * 10,000 fuzz-like requests, then lets it settle: a leak would keep it high.
 * Needs {@code ./mvnw -B -o -pl standalone -am -DskipTests package} first.
 */
@Tag("benchmark")
class MemoryBenchmark {

    static final Path JAR = Path.of("target", "customer-profile-service.jar");
    static final Duration LOAD = Harness.seconds("benchmark.seconds", 60);
    static final Pattern CUSTOMER_ID = Pattern.compile("\"customer_id\":\"([^\"]+)\"");
    /** What the README's run command gives the JVM: the default heap bound. */
    static final List<String> JVM_OPTIONS = List.of(System.getProperty("benchmark.jvm-options", "-Xmx512m").split("\\s+"));
    static final long FUZZ_REQUESTS = Long.getLong("benchmark.requests", 10_000);
    static final int FUZZ_THREADS = Integer.getInteger("benchmark.threads", 4);
    static final int FUZZ_ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    static final Duration SETTLE = Harness.seconds("benchmark.settle-seconds", 60);
    static final long SEED = 14;
    static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    static final Pattern NMT_AREA = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
    static final Pattern HEAP_INFO = Pattern.compile("total (\\d+)K, used (\\d+)K");

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
        int port = Harness.freePort();
        Path dataDir = Files.createTempDirectory("bench-memory");
        Process service = start(List.of(), port, dataDir, "memory-service.log");
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
            stop(service);
        }
    }

    @Test
    void residentMemoryReturnsToIdleAfterAHostileRun() throws Exception {
        int port = Harness.freePort();
        Path dataDir = Files.createTempDirectory("bench-memory-fuzz");
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        // the JVM's own account of what it committed, by area: where growth comes from (costs a few MB itself)
        options.add("-XX:NativeMemoryTracking=summary");
        Process service = start(options, port, dataDir, "memory-fuzz-service.log");
        try {
            String base = "http://localhost:" + port;
            awaitUp(base);
            Thread.sleep(10_000);
            Sample idle = Sample.of(service.toHandle(), dataDir);
            String idleHeap = heapAfterFullGc(service.pid());
            Sample idleAfterGc = Sample.of(service.toHandle(), dataDir);

            String token = Harness.login(base, "demo0001", "demo-key-0000-0000-0000-00000000");
            String customer = id(Harness.send(Harness.post(base, "/v1/customers", token, "{\"first_name\": \"Bench\"}"), 201));
            HostileRequests requests = new HostileRequests(port, token, customer);
            StringBuilder rows = new StringBuilder(idle.row("idle, 10 s after `UP`") + idleAfterGc.row("idle, after a full GC (`jcmd GC.run`)"));
            StringBuilder heaps = new StringBuilder("idle " + idleHeap);
            List<Map<String, Long>> committed = new ArrayList<>(List.of(nativeMemory(service.pid())));
            List<Harness.Result> runs = new ArrayList<>();
            // a leak grows with the requests served: a second round must end where the first did
            for (int round = 1; round <= FUZZ_ROUNDS; round++) {
                runs.add(Harness.times(FUZZ_THREADS, FUZZ_REQUESTS, n -> requests.send(n + runs.size() * FUZZ_REQUESTS)));
                rows.append(Sample.of(service.toHandle(), dataDir).row("right after run " + round));
                Thread.sleep(SETTLE.toMillis());
                rows.append(Sample.of(service.toHandle(), dataDir).row("run " + round + ", settled " + SETTLE.toSeconds() + " s"));
                heaps.append("; after run ").append(round).append(' ').append(heapAfterFullGc(service.pid()));
                rows.append(Sample.of(service.toHandle(), dataDir).row("run " + round + ", settled, after a full GC"));
                committed.add(nativeMemory(service.pid()));
            }
            StringBuilder areas = new StringBuilder("\n| JVM area, committed MB | idle | " + String.join(" | ",
                    IntStream.rangeClosed(1, FUZZ_ROUNDS).mapToObj(round -> "after run " + round).toList()) + " |\n|---|"
                    + "---|".repeat(FUZZ_ROUNDS + 1) + "\n");
            committed.get(committed.size() - 1).keySet().forEach(area -> areas.append("| ").append(area).append(" | ")
                    .append(committed.stream().map(each -> String.format("%,d", each.getOrDefault(area, 0L) >> 10))
                            .collect(Collectors.joining(" | "))).append(" |\n"));

            String table = String.format("""
                    Resident memory of `java %s -jar customer-profile-service.jar` on a %d GB, %d-core machine, MB. %d runs of %,d
                    fuzz-like requests on %d threads (%s req/s, p50 %s ms, p99 %s ms); answers by status: %s. Settle: %d s idle after each.

                    | when | JVM RSS | JVM + PostgreSQL, sum of RSS | JVM + PostgreSQL, sum of PSS |
                    |---|---|---|---|
                    """, String.join(" ", JVM_OPTIONS), physicalGigabytes(), Runtime.getRuntime().availableProcessors(),
                    FUZZ_ROUNDS, FUZZ_REQUESTS, FUZZ_THREADS, figures(runs, Harness.Result::perSecond, "%,.0f"),
                    figures(runs, Harness.Result::p50, "%.1f"), figures(runs, Harness.Result::p99, "%.1f"), requests.statuses(), SETTLE.toSeconds())
                    + rows + String.format("%nHeap after a full GC (`jcmd GC.heap_info`): %s.%n", heaps)
                    + areas;
            Harness.report("memory-fuzz.md", table);
        } finally {
            stop(service);
        }
    }

    private static String figures(List<Harness.Result> runs, ToDoubleFunction<Harness.Result> figure, String format) {
        return runs.stream().map(run -> String.format(format, figure.applyAsDouble(run))).collect(Collectors.joining(" / "));
    }

    private static Process start(List<String> jvmOptions, int port, Path dataDir, String logName) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " missing: run ./mvnw -B -o -pl standalone -am -DskipTests package first");
        }
        Path log = Path.of("target", "benchmarks", logName);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "--server.port=" + port, "--customers.data-dir=" + dataDir));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process service) throws InterruptedException {
        service.destroy();
        if (!service.waitFor(60, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    /** Heap in use after a full collection, as {@code jcmd} reports it: what the service really holds on to. */
    private static String heapAfterFullGc(long pid) throws Exception {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        run(jcmd.toString(), Long.toString(pid), "GC.run");
        Matcher heap = HEAP_INFO.matcher(run(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
        if (!heap.find()) {
            throw new IllegalStateException("no heap figures from jcmd");
        }
        return String.format("%,d MB used of %,d MB committed", Long.parseLong(heap.group(2)) >> 10, Long.parseLong(heap.group(1)) >> 10);
    }

    /** Kilobytes committed per area by {@code jcmd VM.native_memory summary}, the total first. */
    private static Map<String, Long> nativeMemory(long pid) throws Exception {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        String summary = run(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary", "scale=KB");
        Map<String, Long> committed = new LinkedHashMap<>();
        Matcher total = NMT_TOTAL.matcher(summary);
        if (total.find()) {
            committed.put("Total", Long.parseLong(total.group(1)));
        }
        for (Matcher area = NMT_AREA.matcher(summary); area.find(); ) {
            committed.put(area.group(1).strip(), Long.parseLong(area.group(2)));
        }
        return committed;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /**
     * A seeded mix in the spirit of HostileRequestFuzzTest, sent on raw sockets (one request per connection):
     * creates, reads, lists and feed pages; bodies over the size limit, with thousands of keys, invalid UTF-8
     * or broken JSON; wrong tokens and keys; streams opened and dropped at once, {@code HEAD}s of the stream;
     * targets Tomcat refuses. Counts the answers by status.
     */
    private static final class HostileRequests {

        private final int port;
        private final String token;
        private final String customer;
        private final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();

        HostileRequests(int port, String token, String customer) {
            this.port = port;
            this.token = token;
            this.customer = customer;
        }

        void send(long n) throws IOException {
            Random random = new Random(SEED + n);
            String auth = "Authorization: Bearer " + token + "\r\n";
            String json = "Content-Type: application/json\r\n";
            int status = switch ((int) (n % 13)) {
                case 0 -> exchange("POST", "/v1/customers", auth + json, utf8("{\"reference\": \"fz_" + n + "\", \"first_name\": \"Ada\"}"));
                case 1 -> exchange("GET", "/v1/customers/" + customer, auth, new byte[0]);
                case 2 -> exchange("GET", "/v1/customers?limit=25", auth, new byte[0]);
                case 3 -> exchange("GET", "/v1/events?after=" + random.nextInt(1000) + "&limit=100", auth, new byte[0]);
                case 4 -> exchange("POST", "/v1/customers", auth + json, utf8(manyKeys(1 + random.nextInt(5_000))));
                case 5 -> exchange("POST", "/v1/customers", auth + json, utf8("{\"custom_data\": \"" + "QUFB".repeat(20_000) + "\"}"));
                case 6 -> exchange("PUT", "/v1/customers/" + customer, auth + json, mutated(random));
                case 7 -> exchange("GET", "/v1/customers", "Authorization: Bearer " + token.substring(0, token.length() - 4) + "AAAA\r\n", new byte[0]);
                case 8 -> exchange("POST", "/v1/login", json, utf8("{\"app_id\": \"demo0001\", \"app_key\": \"wrong-" + n + "\"}"));
                case 9 -> openAndDrop(auth);
                case 10 -> exchange("HEAD", "/v1/events/stream", auth, new byte[0]);
                case 11 -> exchange("GET", "/v1/customers/{" + n + "}", auth, new byte[0]);
                default -> exchange("GET", "/v1/customers/" + UUID.randomUUID() + "/events?limit=0", auth, new byte[0]);
            };
            statuses.computeIfAbsent(status, any -> new LongAdder()).increment();
        }

        String statuses() {
            return statuses.entrySet().stream().map(entry -> String.format("%d × %,d", entry.getKey(), entry.getValue().sum()))
                    .collect(Collectors.joining(", "));
        }

        private int exchange(String method, String target, String headers, byte[] body) throws IOException {
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers
                        + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                InputStream in = socket.getInputStream();
                int status = status(in);
                if (!method.equals("HEAD")) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                return status;
            }
        }

        /** A stream opened, its head read, and the connection closed: a client that went away. */
        private int openAndDrop(String auth) throws IOException {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(("GET /v1/events/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n" + auth
                        + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return status(socket.getInputStream());
            }
        }

        private Socket connect() throws IOException {
            Socket socket = new Socket("localhost", port);
            socket.setSoTimeout(30_000);
            return socket;
        }

        private static int status(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }

        private static byte[] mutated(Random random) {
            byte[] bytes = utf8("{\"first_name\": \"Grace\", \"billing\": {\"address\": {\"city\": \"Paris\"}}}");
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            return bytes;
        }

        private static String manyKeys(int n) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < n; i++) {
                json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
            }
            return json.append('}').toString();
        }

        private static byte[] utf8(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
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
