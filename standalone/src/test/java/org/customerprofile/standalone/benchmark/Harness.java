package org.customerprofile.standalone.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.standalone.StandaloneApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every benchmark needs: the service in its own context, a logged-in HTTP client, a load loop
 * (closed, or at a fixed rate) that records every latency, percentiles, and the markdown report.
 */
final class Harness {

    static final int THREADS = Integer.getInteger("benchmark.threads", 8);
    static final UUID COMPANY_1 = UUID.fromString("11111111-1111-4111-8111-111111111111");
    /** The rows of a page of a company's feed, every column: what the feed's raw-JDBC baselines read. */
    static final String FEED_ROWS = """
            SELECT globalIndex, type, aggregateIdentifier, sequenceNumber, eventIdentifier, timeStamp,
                   payloadType, payloadRevision, payload, metaData
            FROM DomainEventEntry
            WHERE companyId = ? AND type = 'Customer' AND globalIndex > ?
            ORDER BY globalIndex
            LIMIT ?""";

    private static final Pattern CUSTOMER_ID = Pattern.compile("\"customer_id\":\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Harness() {
    }

    /** One request (or transaction) of a load loop; {@code n} numbers them across threads. Throws if it failed. */
    interface Task {
        void run(long n) throws Exception;
    }

    /** The standalone service on a fresh data directory, with the test profile's apps and the benchmark-only beans. */
    static ConfigurableApplicationContext start(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--customers.data-dir=" + Files.createTempDirectory("bench")));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(StandaloneApplication.class).profiles("test", "benchmark").run(all.toArray(String[]::new));
    }

    static String base(ConfigurableApplicationContext app) {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    static Duration seconds(String property, int defaultSeconds) {
        return Duration.ofSeconds(Integer.getInteger(property, defaultSeconds));
    }

    static String login(String base, String appId, String appKey) throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"app_id\":\"" + appId + "\",\"app_key\":\"" + appKey + "\"}")), 200);
        return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    static String loginCompany1(String base) throws Exception {
        return login(base, "company1", "key-of-company-one-0000000000000");
    }

    static HttpRequest.Builder get(String base, String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
    }

    static HttpRequest.Builder post(String base, String path, String token, String json) {
        return get(base, path, token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /** The response body, or an exception if the status is not {@code expected}. */
    static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Creates a customer of about the size a merchant sends, every value but the country personal; answers its id. */
    static String createBenchmarkCustomer(String base, String token, long reference) throws Exception {
        String body = send(post(base, "/v1/customers", token, """
                {"reference": "bench_%d", "first_name": "Bench", "last_name": "Mark", "email": "bench@example.com",
                 "billing": {"address": {"line_1": "1 High Street", "city": "Leeds", "postcode": "LS1", "country_code": "GB"}}}"""
                .formatted(reference)), 201);
        Matcher id = CUSTOMER_ID.matcher(body);
        if (!id.find()) {
            throw new IllegalStateException("no customer_id in " + body);
        }
        return id.group(1);
    }

    /** {@code threads} threads each running {@code task} back to back for {@code duration}. */
    static Result load(int threads, Duration duration, Task task) throws Exception {
        AtomicLong sequence = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        return run(threads, duration, () -> {
            Latencies latencies = new Latencies();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                task.run(sequence.incrementAndGet());
                latencies.add(System.nanoTime() - started);
            }
            return latencies;
        });
    }

    /** {@code count} runs of {@code task} shared by {@code threads} threads, back to back. */
    static Result times(int threads, long count, Task task) throws Exception {
        AtomicLong tickets = new AtomicLong();
        return run(threads, Duration.ZERO, () -> {
            Latencies latencies = new Latencies();
            for (long n = tickets.getAndIncrement(); n < count; n = tickets.getAndIncrement()) {
                long started = System.nanoTime();
                task.run(n);
                latencies.add(System.nanoTime() - started);
            }
            return latencies;
        });
    }

    /**
     * {@code task} started {@code perSecond} times a second on a schedule for {@code duration}, whatever
     * the answers' latency (up to {@code workers} in flight). Latency counts from the scheduled start, so
     * a stall shows as latency rather than as fewer requests.
     */
    static Result atRate(double perSecond, int workers, Duration duration, Task task) throws Exception {
        AtomicLong tickets = new AtomicLong();
        long start = System.nanoTime();
        long count = (long) (perSecond * duration.toSeconds());
        return run(workers, duration, () -> {
            Latencies latencies = new Latencies();
            for (long n = tickets.getAndIncrement(); n < count; n = tickets.getAndIncrement()) {
                long due = start + (long) (n * 1e9 / perSecond);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                task.run(n);
                latencies.add(System.nanoTime() - due);
            }
            return latencies;
        });
    }

    private static Result run(int threads, Duration duration, Callable<Latencies> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<Latencies>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(worker));
            }
            Latencies all = new Latencies();
            for (Future<Latencies> each : workers) {
                all.addAll(each.get());
            }
            double seconds = Math.max(duration.toNanos(), System.nanoTime() - started) / 1e9;
            return new Result(all.sorted(), seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code count} customers of {@code company}, appended straight through the storage engine in batches of 2000. */
    static List<UUID> appendCustomers(EventStorageEngine engine, UUID company, int count) {
        return appendCustomers(engine, company, 0, count, Harness::profile);
    }

    /** Customers {@code from} to {@code from + count - 1}, each with the values {@code profiles} gives its number. */
    static List<UUID> appendCustomers(EventStorageEngine engine, UUID company, int from, int count, IntFunction<Profile> profiles) {
        List<UUID> ids = new ArrayList<>();
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            // the company in the metadata, as every command puts it there: the event feed finds events by it
            batch.add(new GenericDomainEventMessage<>("Customer", id.toString(), 0, new CustomerCreated(id, company, profiles.apply(from + i)),
                    MetaData.with("companyId", company.toString()).and("appId", "benchmark")));
            if (batch.size() == 2_000 || i == count - 1) {
                engine.appendEvents(batch);
                batch.clear();
            }
        }
        return ids;
    }

    /** A customer of about the size a merchant sends: name, birth date, billing address and email. */
    static Profile profile(int i) {
        return new Profile(Map.of(CustomerField.REFERENCE, "bench_" + i, CustomerField.FIRST_NAME, "Bench",
                CustomerField.LAST_NAME, "Mark", CustomerField.DOB, "1990-01-01",
                CustomerField.BILLING_ADDRESS_LINE_1, "1 High Street", CustomerField.BILLING_ADDRESS_CITY, "Leeds",
                CustomerField.BILLING_ADDRESS_POSTCODE, "LS1", CustomerField.BILLING_ADDRESS_COUNTRY_CODE, "GB",
                CustomerField.BILLING_EMAIL, "bench@example.com", CustomerField.SHIPPING_ADDRESS_MATCH, true));
    }

    /** Waits until every tracking processor (projection, reference saga) has handled every event in the store. */
    static void awaitProcessorsCaughtUp(String base) throws Exception {
        String operator = login(base, "operator", "key-of-the-operator-app-00000000");
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String metrics = send(get(base, "/actuator/prometheus", operator), 200);
            Matcher behind = Pattern.compile("(?m)^customers_processor_events_behind\\{[^}]*} (\\S+)$").matcher(metrics);
            boolean any = false;
            while (behind.find()) {
                any = true;
                if (Double.parseDouble(behind.group(1)) != 0) {
                    return false;
                }
            }
            return any;
        });
    }

    /** The value below which a fraction {@code p} of {@code sorted} lies (nearest rank); 0 when empty. */
    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /** Prints and writes {@code table}, with the time and the machine's load average (other builders share it). */
    static void report(String file, String table) throws Exception {
        table += String.format("%nFinished %s; load average (1, 5, 15 min) then: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                String.join(", ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3)));
        System.out.println(table);
        Path out = Path.of("target", "benchmarks", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    /** Requests (or transactions) a second and latency percentiles in milliseconds. */
    record Result(long[] sortedNanos, double seconds) {

        double perSecond() {
            return sortedNanos.length / seconds;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double percentile(double p) {
            return Harness.percentile(sortedNanos, p) / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%,.0f, %.1f, %.1f", perSecond(), p50(), p99());
        }
    }

    /** A growable array of nanoseconds: the load loop records every latency without boxing. */
    private static final class Latencies {
        private long[] values = new long[1024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        void addAll(Latencies other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] sorted() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /**
     * The CPU time used so far by a service's JVM and its embedded PostgreSQL on {@code dataDir} (the server started on
     * its data directory, which outlives the pg_ctl that started it, and the server's children: the connections' backends).
     */
    static Duration cpuOf(Process service, Path dataDir) {
        String postgresData = dataDir.resolve("postgres").toString();
        List<ProcessHandle> processes = new ArrayList<>(List.of(service.toHandle()));
        ProcessHandle.allProcesses()
                .filter(candidate -> candidate.info().arguments().map(arguments -> List.of(arguments).contains(postgresData)).orElse(false))
                .forEach(server -> {
                    processes.add(server);
                    server.descendants().forEach(processes::add);
                });
        return processes.stream().distinct().map(each -> each.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus);
    }

    /** A port nobody listens on now, for a service started as its own process. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
