package org.customerprofile.standalone.benchmark;

import com.mongodb.client.MongoCollection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.standalone.benchmark.Harness.Result;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Search ({@code GET /v1/customers?…&limit=25}) against the raw driver running the same count and sorted page on
 * the same keys, side by side in interleaved rounds, at {@value #SMALL} and {@value #LARGE} customers of one
 * company with varied values: an email (one match), a postcode (about 1 in 450) and two free-text prefixes
 * (about 1 in 800). Read store: mongo-java-server, memory backend, which scans for every query.
 */
@Tag("benchmark")
class SearchBenchmark {

    static final int SMALL = 10_000;
    static final int LARGE = Integer.getInteger("benchmark.customers", 100_000);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    static final Duration PHASE = Harness.seconds("benchmark.search-seconds", 10);
    static final int THREADS = 1;

    private static final List<String> FIRST = List.of("Ada", "Zoë", "José", "Mary", "Ian", "Olga", "Wei", "Amara", "Lars", "Noor",
            "Priya", "Tomás", "Chloé", "Omar", "Ines", "Kenji", "Lena", "Malik", "Nina", "Oscar");
    private static final List<String> CITIES = List.of("London", "Leeds", "Manchester", "Bristol", "Glasgow", "Cardiff", "Belfast",
            "York", "Bath", "Derby", "Exeter", "Hull", "Kent", "Luton", "Oxford", "Poole", "Reading", "Slough", "Truro", "Wells",
            "Ayr", "Bangor", "Carlisle", "Dundee", "Ely", "Fife", "Girvan", "Hove", "Ipswich", "Jarrow", "Kendal", "Lincoln",
            "Mold", "Newry", "Omagh", "Perth", "Ripon", "Stirling", "Tenby", "Ullapool");

    /** A search as the API takes it and as the raw driver runs it. */
    private record Search(String name, Supplier<Map.Entry<String, Document>> next) {
    }

    @Test
    void searchAgainstRawDriver() throws Exception {
        try (ConfigurableApplicationContext app = Harness.start()) {
            String base = Harness.base(app);
            String token = Harness.loginCompany1(base);
            EventStorageEngine engine = app.getBean(EventStorageEngine.class);
            MongoCollection<Document> customers = BareEndpoints.customerCollection(app);
            StringBuilder report = new StringBuilder();

            Harness.appendCustomers(engine, Harness.COMPANY_1, 0, SMALL, SearchBenchmark::profile);
            Harness.awaitProcessorsCaughtUp(base);
            report.append(measure(base, token, customers, SMALL));

            Harness.appendCustomers(engine, Harness.COMPANY_1, SMALL, LARGE - SMALL, SearchBenchmark::profile);
            Harness.awaitProcessorsCaughtUp(base);
            report.append(measure(base, token, customers, LARGE));
            Harness.report("search.md", report.toString());
        }
    }

    /** Customer {@code i}: a unique email and phone; a first name of 20, a city of 40, a postcode of 450. */
    static Profile profile(int i) {
        Map<CustomerField, Object> values = new EnumMap<>(CustomerField.class);
        values.put(CustomerField.REFERENCE, "bench_" + i);
        values.put(CustomerField.FIRST_NAME, FIRST.get(i % FIRST.size()));
        values.put(CustomerField.LAST_NAME, "Mark");
        values.put(CustomerField.DOB, "1990-01-01");
        values.put(CustomerField.EMAIL, "user" + i + "@mail" + (i % 100) + ".example");
        values.put(CustomerField.BILLING_ADDRESS_LINE_1, "1 High Street");
        values.put(CustomerField.BILLING_ADDRESS_CITY, CITIES.get(i % CITIES.size()));
        values.put(CustomerField.BILLING_ADDRESS_POSTCODE, postcode(i));
        values.put(CustomerField.BILLING_ADDRESS_COUNTRY_CODE, "GB");
        values.put(CustomerField.BILLING_PHONE_COUNTRY_CODE, "44");
        values.put(CustomerField.BILLING_PHONE_NUMBER, Long.toString(7_000_000_000L + i));
        return new Profile(values);
    }

    private static String postcode(int i) {
        return "E" + (i % 50) + " " + (i % 9) + "AB";
    }

    private String measure(String base, String token, MongoCollection<Document> customers, int count) throws Exception {
        Document company = new Document("company_id", Harness.COMPANY_1.toString()).append("erased", new Document("$exists", false));
        Function<Document, Document> within = keys -> new Document(company).append(keys.keySet().iterator().next(), keys.values().iterator().next());
        List<Search> searches = List.of(
                new Search("`email` (1 match)", () -> {
                    int i = ThreadLocalRandom.current().nextInt(count);
                    String email = "user" + i + "@mail" + (i % 100) + ".example";
                    return Map.entry("email=" + email, within.apply(new Document("search.emails", email)));
                }),
                new Search("`postcode` (≈ 1/450)", () -> {
                    int i = ThreadLocalRandom.current().nextInt(count);
                    return Map.entry("postcode=" + URLEncoder.encode(postcode(i).toLowerCase(), StandardCharsets.UTF_8),
                            within.apply(new Document("search.postcodes", postcode(i).replace(" ", "").toLowerCase())));
                }),
                new Search("`q` two prefixes (≈ 1/800)", () -> {
                    int i = ThreadLocalRandom.current().nextInt(count);
                    String first = FIRST.get(i % FIRST.size()).substring(0, 2);
                    String city = CITIES.get(i % CITIES.size()).substring(0, 3);
                    String folded = java.text.Normalizer.normalize(first, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase();
                    return Map.entry("q=" + URLEncoder.encode(first + " " + city, StandardCharsets.UTF_8),
                            within.apply(new Document("search.words", new Document("$all",
                                    List.of(Pattern.compile("^" + folded), Pattern.compile("^" + city.toLowerCase()))))));
                }));
        StringBuilder table = new StringBuilder(String.format("""
                Search, first page (limit 25), %,d customers in one company, %d client thread, %d s per phase. req/s, p50, p99 (ms).

                | search | round | `GET /v1/customers?…&limit=25` | raw driver: countDocuments + sorted page | ratio (p99 ours / raw) |
                |---|---|---|---|---|
                """, count, THREADS, PHASE.toSeconds()));
        for (Search search : searches) {
            Harness.Task ours = n -> Harness.send(Harness.get(base, "/v1/customers?limit=25&" + search.next().get().getKey(), token), 200);
            Harness.Task raw = n -> {
                Document filter = search.next().get().getValue();
                customers.countDocuments(filter);
                customers.find(filter).sort(new Document("created", -1).append("_id", -1)).limit(25).into(new ArrayList<>());
            };
            Harness.load(THREADS, Duration.ofSeconds(3), ours); // JIT warm-up
            Harness.load(THREADS, Duration.ofSeconds(3), raw);
            double[] sums = new double[2];
            for (int round = 1; round <= ROUNDS; round++) {
                Result our = Harness.load(THREADS, PHASE, ours);
                Result driver = Harness.load(THREADS, PHASE, raw);
                sums[0] += our.p99();
                sums[1] += driver.p99();
                table.append(String.format("| %s | %d | %s | %s | %.2f |%n", search.name(), round, our, driver, our.p99() / driver.p99()));
            }
            table.append(String.format("| %s | **mean p99** | %.1f ms | %.1f ms | **%.2f** |%n",
                    search.name(), sums[0] / ROUNDS, sums[1] / ROUNDS, sums[0] / sums[1]));
        }
        return table.append('\n').toString();
    }
}
